package dev.ledger.web.problem;

import dev.ledger.web.WebTestBase;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests Tomcat refuses before Spring sees them still get a problem+json answer. */
class ContainerErrorsTest extends WebTestBase {

    @Test
    void anEncodedNulInThePathIsAProblemNotAnHtmlPage() throws IOException {
        String answer = client.raw("GET /things/x%00y HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).contains("\"status\":400").contains("\"field\":\"path\"").doesNotContain("<html");
    }

    @Test
    void aBrokenPercentEscapeIsAProblemToo() throws IOException {
        String answer = client.raw("POST /greetings/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json").doesNotContain("<html");
    }
}
