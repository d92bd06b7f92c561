package dev.ledger.query.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ledger.web.security.ServiceToken;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.introspection.SpringOpaqueTokenIntrospector;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestTemplate;

import java.time.Duration;
import java.util.Optional;

/**
 * Account tokens on the query-service: the command-service's introspection endpoint (RFC 7662, asked with the
 * service token through Spring Security's {@link SpringOpaqueTokenIntrospector}) says whom a token belongs to. Its
 * answers, "active" or not, are reused for at most 30 s (ledger.accounts.introspection-cache), so a revoked token
 * stops working here within that time; a failed call is not cached (the request gets 503 and the next one asks again).
 */
@Component
class CommandServiceIntrospector implements OpaqueTokenIntrospector {

    static final Duration MAX_CACHE_TIME = Duration.ofSeconds(30);
    private static final String PATH = "/admin/tokens/introspect";

    private final OpaqueTokenIntrospector commandService;
    /** token -> the account it belongs to, or empty for a token the command-service does not accept. */
    private final Cache<String, Optional<OAuth2AuthenticatedPrincipal>> answers;

    CommandServiceIntrospector(@Value("${ledger.command.url}") String commandUrl, ServiceToken serviceToken,
                               @Value("${ledger.accounts.introspection-cache:30s}") Duration cacheTime,
                               @Value("${ledger.accounts.introspection-cache-size:10000}") long cacheSize,
                               @Value("${ledger.command.timeout:10s}") Duration timeout) {
        if (cacheTime.compareTo(MAX_CACHE_TIME) > 0 || cacheTime.isNegative()) {
            throw new IllegalStateException("LEDGER_INTROSPECTION_CACHE (ledger.accounts.introspection-cache) must be from 0s"
                    + " to 30s, so a revoked token stops working within 30 s; it is " + cacheTime);
        }
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(2));
        requests.setReadTimeout(timeout);
        RestTemplate http = new RestTemplate(requests);
        http.getInterceptors().add((request, body, execution) -> {
            request.getHeaders().set(HttpHeaders.AUTHORIZATION, "Bearer " + serviceToken.value());
            return execution.execute(request, body);
        });
        String base = commandUrl.endsWith("/") ? commandUrl.substring(0, commandUrl.length() - 1) : commandUrl;
        this.commandService = new SpringOpaqueTokenIntrospector(base + PATH, http);
        this.answers = Caffeine.newBuilder().expireAfterWrite(cacheTime).maximumSize(cacheSize).build();
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        return answers.get(token, this::ask)
                .orElseThrow(() -> new BadOpaqueTokenException("the command-service does not accept this token"));
    }

    /** Asks the command-service; an unreachable one throws OAuth2IntrospectionException, which nothing caches. */
    private Optional<OAuth2AuthenticatedPrincipal> ask(String token) {
        try {
            return Optional.of(commandService.introspect(token));
        } catch (BadOpaqueTokenException inactive) {
            return Optional.empty();
        }
    }
}
