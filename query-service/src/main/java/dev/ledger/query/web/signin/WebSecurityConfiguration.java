package dev.ledger.query.web.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.ott.JdbcOneTimeTokenService;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationProvider;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.HttpMessageConverterAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.ui.DefaultResourcesFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.io.IOException;
import java.util.List;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * The web view's security, a chain of its own ahead of the API's bearer-token chain (shared-web's
 * SecurityConfiguration, which keeps every other path): a session cookie (SameSite=Lax, see application.yaml), CSRF
 * tokens on every form, a content security policy that allows no inline script, and sign-in with Spring Security's
 * one-time-token login (links from {@code POST /admin/sign-in-links}, i.e. {@code ./ledger link HANDLE}) or a
 * passkey (Spring Security's WebAuthn, registered by a signed-in person at {@code /webauthn/register}) or, when
 * configured, the organisation's OIDC provider ({@link OidcLogin}). Reading
 * pages needs no sign-in (DebateReadGuard decides, as for the API); every form post needs a signed-in session.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration {

    static final String HOME = "/web/";
    static final String SIGN_IN = "/web/sign-in";
    static final String SIGN_OUT = "/web/sign-out";
    static final String LINK_SIGN_IN = "/login/ott";

    private static final RequestMatcher WEB_PATHS = new OrRequestMatcher(pathPattern("/"), pathPattern("/web/**"),
            pathPattern("/login"), pathPattern("/login/**"), pathPattern("/logout"), pathPattern("/webauthn/**"),
            pathPattern("/webjars/**"), pathPattern("/ott/**"), pathPattern("/static/**"), pathPattern("/oauth2/**"));

    /** No inline script anywhere: the pages' scripts are files of this service (or its WebJars). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
            + " frame-ancestors 'none'";

    @Bean
    JdbcOneTimeTokenService oneTimeTokens(JdbcTemplate jdbc) {
        return new JdbcOneTimeTokenService(jdbc);
    }

    @Bean
    JdbcPublicKeyCredentialUserEntityRepository passkeyUsers(JdbcTemplate jdbc) {
        return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
    }

    @Bean
    JdbcUserCredentialRepository passkeys(JdbcTemplate jdbc) {
        return new JdbcUserCredentialRepository(jdbc);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain webSecurity(HttpSecurity http, JdbcOneTimeTokenService oneTimeTokens, CommandAccounts accounts,
                                    OpaqueTokenIntrospector introspector, PasskeyRelyingParty relyingParty,
                                    ObjectProvider<OidcLogin> oidc) throws Exception {
        SessionSignIn signIn = new SessionSignIn(accounts, introspector, SessionSignIn.toThePageAsked());
        // the passkey script (Spring's webauthn.js) reads where to go from a JSON answer
        SessionSignIn passkeySignIn = new SessionSignIn(accounts, introspector, new HttpMessageConverterAuthenticationSuccessHandler());
        // the user a one-time token or a passkey names: its handle (the account is created, if missing, at sign-in)
        http.setSharedObject(UserDetailsService.class, handles());
        OidcLogin oidcLogin = oidc.getIfAvailable();
        if (oidcLogin != null) {
            oidcLogin.applyTo(http, new SessionSignIn(accounts, introspector, SessionSignIn.toThePageAsked(), oidcLogin::handleOf));
        }
        return http
                .securityMatcher(WEB_PATHS)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .oneTimeTokenLogin(ott -> ott
                        .tokenService(oneTimeTokens)
                        .authenticationProvider(new OneTimeTokenAuthenticationProvider(oneTimeTokens, handles()))
                        .loginPage(SIGN_IN)
                        .loginProcessingUrl(LINK_SIGN_IN)
                        // our own confirmation page at GET /login/ott (SignInPages): a link opened by a mail or chat
                        // preview must not use up the single-use token, so only the page's POST signs in
                        .showDefaultSubmitPage(false)
                        // links are made only by POST /admin/sign-in-links: nobody asks for one by name at /ott/generate
                        .generateRequestResolver(request -> null)
                        .tokenGenerationSuccessHandler((request, response, token) -> response.sendError(HttpServletResponse.SC_NOT_FOUND))
                        .authenticationSuccessHandler(signIn)
                        .authenticationFailureHandler(new SimpleUrlAuthenticationFailureHandler(SIGN_IN + "?error=link")))
                .webAuthn(passkeys -> passkeys
                        .rpName("Ledger")
                        .rpId(relyingParty.id())
                        .allowedOrigins(relyingParty.origins())
                        // its page has inline script, which the CSP forbids: PasskeyPages serves our own
                        .disableDefaultRegistrationPage(true)
                        .withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
                            @Override
                            public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationSuccessHandler(passkeySignIn);
                                return filter;
                            }
                        }))
                // Spring's passkey script at /login/webauthn.js, which the sign-in and passkey pages load
                .addFilter(DefaultResourcesFilter.webauthn())
                .logout(logout -> logout
                        .logoutRequestMatcher(new OrRequestMatcher(pathPattern(HttpMethod.POST, SIGN_OUT),
                                pathPattern(HttpMethod.POST, "/logout")))
                        .logoutSuccessUrl(HOME))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(pathPattern(HttpMethod.POST, "/web/**")).authenticated()
                        .requestMatchers(pathPattern(PasskeyPages.REGISTRATION)).authenticated()
                        .anyRequest().permitAll())
                .exceptionHandling(refused -> refused
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(SIGN_IN))
                        .accessDeniedHandler(signInWhenAnonymous()))
                .build();
    }

    private static UserDetailsService handles() {
        return handle -> User.withUsername(handle).password("").authorities(List.of()).build();
    }

    /**
     * A refused form post of someone not signed in (their session, and with it the form's CSRF token, expired) goes to
     * the sign-in page like any signed-out post; a signed-in one without a valid CSRF token is 403.
     */
    private static AccessDeniedHandler signInWhenAnonymous() {
        AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();
        return (HttpServletRequest request, HttpServletResponse response, org.springframework.security.access.AccessDeniedException denied) -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
                redirectToSignIn(request, response);
            } else {
                forbidden.handle(request, response, denied);
            }
        };
    }

    private static void redirectToSignIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getContextPath() + SIGN_IN);
    }
}
