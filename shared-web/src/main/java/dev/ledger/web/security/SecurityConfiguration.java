package dev.ledger.web.security;

import dev.ledger.web.problem.ProblemWriter;
import dev.ledger.web.problem.Rejections;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * Who may call what, with Spring Security's OAuth2 resource server and {@code Authorization: Bearer <token>} only
 * (no cookies, no sessions):
 * <ul>
 *   <li>the service token (LEDGER_SERVICE_TOKEN) is the service itself, role SERVICE;</li>
 *   <li>an account token ({@code ldg_...}) is looked up by the service's {@link OpaqueTokenIntrospector} bean and
 *       becomes a {@link Caller};</li>
 *   <li>with LEDGER_OIDC_ISSUER set, a JWT of that issuer becomes a {@link Caller} whose handle is the claim
 *       LEDGER_OIDC_HANDLE_CLAIM (default preferred_username).</li>
 * </ul>
 * {@code /admin/**} and the actuator (but liveness, readiness and the bare health status) need SERVICE or an admin
 * account; the service's {@link CallerDecidedPaths} are open to every caller (their controllers decide); the rest of
 * the API follows the service's {@link ApiAccess}. A bearer token that is sent but not valid
 * is 401 everywhere, so a client learns at once that its token was revoked.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** The paths that need an admin account or the service token (the API description marks them). */
    public static final String ADMIN_PATH_PATTERN = "/admin/**";

    private static final RequestMatcher ADMIN_PATHS = pathPattern(ADMIN_PATH_PATTERN);
    private static final RequestMatcher ACTUATOR_PATHS = pathPattern("/actuator/**");
    /** Probes and the bare health status (details only for admins, see health-status.properties), and the API docs. */
    private static final RequestMatcher OPEN_PATHS = new OrRequestMatcher(pathPattern("/actuator/health"),
            pathPattern("/actuator/health/liveness"), pathPattern("/actuator/health/readiness"),
            pathPattern("/v3/api-docs"), pathPattern("/v3/api-docs/**"), pathPattern("/swagger-ui.html"),
            pathPattern("/swagger-ui/**"));

    /**
     * No Micrometer observations of Spring Security's filters, authentications and authorizations. They made a
     * timer and events per filter per request: about a tenth of the command-service's CPU per command in a JFR
     * profile under load, for meters nobody reads. Every request is still timed as a whole
     * ({@code http.server.requests}) and refusals are counted ({@code ledger.requests.rejected}).
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ServiceToken serviceToken(@Value("${ledger.service-token:}") String token) {
        return new ServiceToken(token);
    }

    @Bean
    SecurityRefusals securityRefusals(ProblemWriter writer, Rejections rejections) {
        return new SecurityRefusals(ADMIN_PATHS, writer, rejections);
    }

    @Bean
    SecurityFilterChain ledgerSecurity(HttpSecurity http, ServiceToken serviceToken, OpaqueTokenIntrospector accounts,
                                       ApiAccess apiAccess, ObjectProvider<CallerDecidedPaths> callerDecided,
                                       SecurityRefusals refusals,
                                       @Value("${ledger.oidc.issuer:}") String oidcIssuer,
                                       @Value("${ledger.oidc.handle-claim:preferred_username}") String handleClaim) throws Exception {
        BearerAuthentication bearer = new BearerAuthentication(serviceToken, accounts, oidcDecoder(oidcIssuer), handleClaim);
        return http
                // no cookies or sessions, so there is nothing a cross-site request could ride on
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .authenticationManagerResolver(bearer)
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals)
                        // a token that cannot be checked right now is 503, not the 500 of the default failure handler
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(refusals);
                                return filter;
                            }
                        }))
                .authorizeHttpRequests(requests -> {
                    // an error page rendered for a request that already passed (or was refused by) these rules
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    requests.requestMatchers(OPEN_PATHS).permitAll();
                    requests.requestMatchers(ADMIN_PATHS, ACTUATOR_PATHS).hasAnyRole(Roles.SERVICE, Roles.ADMIN);
                    callerDecided.ifAvailable(paths -> requests.requestMatchers(paths.patterns().stream()
                            .map(pattern -> (RequestMatcher) pathPattern(pattern)).toArray(RequestMatcher[]::new)).permitAll());
                    if (apiAccess == ApiAccess.ACCOUNT_REQUIRED) {
                        requests.anyRequest().hasRole(Roles.ACCOUNT);
                    } else {
                        requests.anyRequest().permitAll();
                    }
                })
                .exceptionHandling(refused -> refused.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .build();
    }

    /** The OIDC issuer's JWTs, checked against the keys and issuer its discovery document names; null without one. */
    private static JwtDecoder oidcDecoder(String issuer) {
        if (issuer == null || issuer.isBlank()) {
            return null;
        }
        // fetched at the first JWT, not at start: the service starts while the issuer is briefly unreachable
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
            return decoder;
        });
    }

    /** Where access depends on the path, Spring Security's strict firewall guards the path (see ProtectedPathsFirewall). */
    @Bean
    WebSecurityCustomizer problemJsonFirewall(SecurityRefusals refusals) {
        return web -> web.httpFirewall(new ProtectedPathsFirewall(new OrRequestMatcher(ADMIN_PATHS, ACTUATOR_PATHS)))
                .requestRejectedHandler(refusals);
    }
}
