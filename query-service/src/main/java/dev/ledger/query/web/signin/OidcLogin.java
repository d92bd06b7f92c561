package dev.ledger.query.web.signin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Signing in to the web view with the organisation's OpenID Connect provider, only when LEDGER_OIDC_ISSUER and
 * LEDGER_OIDC_CLIENT_ID are set (otherwise there is no such bean, and no OAuth2 client at all): Spring Security's
 * {@code oauth2Login()} with one client registration, {@value #REGISTRATION}, made from the issuer's discovery
 * document. The handle is the claim LEDGER_OIDC_HANDLE_CLAIM (the one the API reads from the issuer's JWTs), and
 * the sign-in ends like a link's or a passkey's ({@link SessionSignIn}).
 * <p>
 * Discovery happens at the first "Sign in with ..." and not at start: the service starts, serves the API and the
 * other ways of signing in while the issuer is unreachable (as the API's JWT check does, see shared-web's
 * SecurityConfiguration); a failed discovery is tried again after {@link #RETRY_AFTER}, and meanwhile the button
 * leads back to the sign-in page saying the provider cannot be reached.
 */
@Component
@Conditional(OidcLogin.Configured.class)
class OidcLogin {

    static final String REGISTRATION = "oidc";
    /** Where the button leads: first here (discovery), then to Spring's {@code /oauth2/authorization/oidc}. */
    static final String START = "/web/sign-in/oidc";
    static final String AUTHORIZATION = "/oauth2/authorization/" + REGISTRATION;
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(OidcLogin.class);

    private final String issuer;
    private final String clientId;
    private final String clientSecret;
    private final String handleClaim;
    private final String redirectUri;
    private final Clock clock;
    private volatile ClientRegistration registration;
    private Instant nextTry = Instant.MIN;

    OidcLogin(@Value("${ledger.oidc.issuer}") String issuer, @Value("${ledger.oidc.client-id}") String clientId,
              @Value("${ledger.oidc.client-secret:}") String clientSecret,
              @Value("${ledger.oidc.handle-claim:preferred_username}") String handleClaim,
              @Value("${ledger.web.base-url:}") String baseUrl) {
        this.issuer = issuer.strip();
        this.clientId = clientId.strip();
        this.clientSecret = clientSecret;
        this.handleClaim = handleClaim;
        // the address the provider sends the browser back to; registered with the provider as the client's redirect URI
        this.redirectUri = (baseUrl == null || baseUrl.isBlank() ? "{baseUrl}" : baseUrl.strip().replaceAll("/+$", ""))
                + "/login/oauth2/code/{registrationId}";
        this.clock = Clock.systemUTC();
    }

    /** The provider as the sign-in page names it: the issuer's host. */
    String providerName() {
        String host = URI.create(issuer).getHost();
        return host == null ? issuer : host;
    }

    String handleClaim() {
        return handleClaim;
    }

    /** The client registration, discovered from the issuer on first use; empty while the issuer cannot be reached. */
    Optional<ClientRegistration> registration() {
        ClientRegistration known = registration;
        if (known != null) {
            return Optional.of(known);
        }
        synchronized (this) {
            if (registration == null && !clock.instant().isBefore(nextTry)) {
                try {
                    // bounded: Spring's discovery client gives up after 30 s
                    registration = ClientRegistrations.fromOidcIssuerLocation(issuer)
                            .registrationId(REGISTRATION)
                            .clientId(clientId)
                            .clientSecret(clientSecret)
                            .redirectUri(redirectUri)
                            .scope("openid", "profile")
                            .build();
                    log.info("OIDC sign-in: discovered the issuer's endpoints");
                } catch (RuntimeException e) {
                    nextTry = clock.instant().plus(RETRY_AFTER);
                    log.warn("OIDC sign-in: the issuer's discovery failed ({}); trying again at the next sign-in after {}",
                            e.getClass().getSimpleName(), RETRY_AFTER);
                }
            }
            return Optional.ofNullable(registration);
        }
    }

    /** The handle an OIDC sign-in names: the handle claim of the ID token (or user info); null without one. */
    String handleOf(Authentication signedIn) {
        return signedIn.getPrincipal() instanceof OidcUser user ? user.getClaimAsString(handleClaim) : null;
    }

    /** Adds the OIDC login to the web view's filter chain, ending in {@code signIn}. */
    void applyTo(HttpSecurity http, SessionSignIn signIn) throws Exception {
        ClientRegistrationRepository registrations = id -> REGISTRATION.equals(id) ? registration().orElse(null) : null;
        http.oauth2Login(login -> login
                .loginPage(WebSecurityConfiguration.SIGN_IN)
                .clientRegistrationRepository(registrations)
                // the provider's tokens are not used after sign-in: kept in the session only, and gone with it
                .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new OidcUserService()))
                .successHandler(signIn)
                .failureHandler(new SimpleUrlAuthenticationFailureHandler(WebSecurityConfiguration.SIGN_IN + "?error=oidc")));
    }

    /** LEDGER_OIDC_ISSUER and LEDGER_OIDC_CLIENT_ID both set (the issuer alone only lets the API accept its JWTs). */
    static final class Configured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String issuer = context.getEnvironment().getProperty("ledger.oidc.issuer", "");
            String clientId = context.getEnvironment().getProperty("ledger.oidc.client-id", "");
            return !issuer.isBlank() && !clientId.isBlank();
        }
    }
}
