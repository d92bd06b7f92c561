package dev.ledger.query.web.signin;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.Set;

/**
 * Who the passkeys belong to (WebAuthn's relying party): the host of ledger.web.base-url, or {@code localhost}
 * without one (browsers accept localhost, not an IP address, as a relying party over plain HTTP). A passkey answers
 * only pages of the allowed origin: the base URL's, or {@code http://localhost:<port>}.
 */
@Component
class PasskeyRelyingParty {

    private final String id;
    private final String origin;

    PasskeyRelyingParty(@Value("${ledger.web.base-url:}") String baseUrl, @Value("${server.port:8081}") int port) {
        if (baseUrl == null || baseUrl.isBlank()) {
            this.id = "localhost";
            this.origin = "http://localhost:" + port;
        } else {
            URI base = URI.create(baseUrl.strip());
            this.id = base.getHost();
            this.origin = base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
        }
    }

    String id() {
        return id;
    }

    Set<String> origins() {
        return Set.of(origin);
    }
}
