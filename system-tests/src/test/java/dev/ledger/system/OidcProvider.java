package dev.ledger.system;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * A real OpenID Connect provider for the web view's OIDC login: Spring Authorization Server (Boot's auto-configuration:
 * discovery, authorization and token endpoints, JWKs, its own login form) in the test JVM on a random loopback port,
 * with one confidential client, the ledger's web view, and its users, each with the claim {@code preferred_username}
 * in the ID token. The client's redirect URI is a loopback IP address, whose port the provider ignores (RFC 8252), so
 * it can be registered before the ledger has a port.
 */
final class OidcProvider implements AutoCloseable {

    static final String CLIENT_ID = "ledger-web";
    /** Every user's password on the provider's login form. */
    static final String PASSWORD = "correct horse battery";

    private final ConfigurableApplicationContext context;
    private final String clientSecret;

    private OidcProvider(ConfigurableApplicationContext context, String clientSecret) {
        this.context = context;
        this.clientSecret = clientSecret;
    }

    /** Starts the provider with these users: login name to the preferred_username their ID token carries. */
    static OidcProvider start(Map<String, String> preferredUsernames) {
        String secret = newSecret();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Provider.class)
                .initializers(initialized -> initialized.getBeanFactory().registerSingleton("clients", clients(secret)))
                .initializers(initialized -> initialized.getBeanFactory().registerSingleton("users", users(preferredUsernames)))
                .initializers(initialized -> initialized.getBeanFactory().registerSingleton("preferredUsernames",
                        new PreferredUsernameClaim(preferredUsernames)))
                .properties(Map.of(
                        "server.address", "127.0.0.1",
                        "server.port", "0",
                        // its own cookie name: the ledger's session cookie (JSESSIONID) lives on the same host
                        "server.servlet.session.cookie.name", "PROVIDER_SESSION",
                        "spring.main.banner-mode", "off",
                        "logging.level.root", "WARN"))
                .run();
        return new OidcProvider(context, secret);
    }

    /** The issuer: where its discovery document is (the issuer the provider states is the address it was asked at). */
    String issuer() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** What the query-service needs to offer "Sign in with ..." against this provider. */
    Map<String, String> querySettings() {
        return Map.of("LEDGER_OIDC_ISSUER", issuer(), "LEDGER_OIDC_CLIENT_ID", CLIENT_ID,
                "LEDGER_OIDC_CLIENT_SECRET", clientSecret);
    }

    private static RegisteredClientRepository clients(String secret) {
        return new InMemoryRegisteredClientRepository(RegisteredClient.withId("ledger-web-view")
                .clientId(CLIENT_ID)
                .clientSecret("{noop}" + secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://127.0.0.1/login/oauth2/code/oidc")
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                .build());
    }

    private static UserDetailsService users(Map<String, String> preferredUsernames) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        preferredUsernames.keySet().forEach(login -> users.createUser(User.withUsername(login).password("{noop}" + PASSWORD)
                .roles("USER").build()));
        return users;
    }

    /** Puts the user's preferred_username and name in the ID token (a class, so the provider finds it by its type). */
    private record PreferredUsernameClaim(Map<String, String> preferredUsernames) implements OAuth2TokenCustomizer<JwtEncodingContext> {
        @Override
        public void customize(JwtEncodingContext token) {
            if (OidcParameterNames.ID_TOKEN.equals(token.getTokenType().getValue())) {
                String login = token.getPrincipal().getName();
                token.getClaims().claim("preferred_username", preferredUsernames.get(login));
                token.getClaims().claim("name", login);
            }
        }
    }

    private static String newSecret() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    @Override
    public void close() {
        context.close();
    }

    /** Boot's authorization-server, security, MVC and Tomcat auto-configuration; the beans above are registered singletons. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Provider {
    }
}
