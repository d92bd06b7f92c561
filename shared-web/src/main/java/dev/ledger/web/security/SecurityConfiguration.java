package dev.ledger.web.security;

import dev.ledger.web.problem.ProblemWriter;
import dev.ledger.web.problem.Rejections;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.List;

/**
 * Who may call what. Today: {@code /admin/**} needs {@code Authorization: Bearer <LEDGER_ADMIN_TOKEN>}
 * (ledger.admin.token), everything else is open. Requests carry bearer tokens, never cookies or sessions.
 * Accounts add an AuthenticationProvider for their tokens beside {@link AdminTokenAuthentication}, and
 * their paths and rules to {@link #ledgerSecurity}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** The paths that need the admin bearer token (the API description marks them with its bearer scheme). */
    public static final String ADMIN_PATH_PATTERN = "/admin/**";

    private static final RequestMatcher ADMIN_PATHS = PathPatternRequestMatcher.pathPattern(ADMIN_PATH_PATTERN);

    @Bean
    AdminToken adminToken(@Value("${ledger.admin.token:}") String token) {
        return new AdminToken(token);
    }

    @Bean
    AdminTokenAuthentication adminTokenAuthentication(AdminToken adminToken) {
        return new AdminTokenAuthentication(adminToken);
    }

    @Bean
    SecurityRefusals securityRefusals(AdminToken adminToken, ProblemWriter writer, Rejections rejections) {
        return new SecurityRefusals(adminToken, writer, rejections);
    }

    @Bean
    SecurityFilterChain ledgerSecurity(HttpSecurity http, List<AuthenticationProvider> providers,
                                       SecurityRefusals refusals) throws Exception {
        AuthenticationFilter bearerTokens = new AuthenticationFilter(new ProviderManager(providers), new BearerToken.FromHeader());
        bearerTokens.setSuccessHandler((request, response, authentication) -> { });
        bearerTokens.setFailureHandler(new AuthenticationEntryPointFailureHandler(refusals));
        return http
                // Only the admin paths need an identity today, so the open API does not pass the security
                // filters at all (and ignores an Authorization header, as before). Accounts widen this.
                .securityMatcher(ADMIN_PATHS)
                // no cookies or sessions, so there is nothing a cross-site request could ride on
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(bearerTokens, AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(AdminTokenAuthentication.ROLE))
                .exceptionHandling(refused -> refused.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .build();
    }

    @Bean
    WebSecurityCustomizer problemJsonFirewall(SecurityRefusals refusals) {
        return web -> web.httpFirewall(new ProtectedPathsFirewall(ADMIN_PATHS)).requestRejectedHandler(refusals);
    }
}
