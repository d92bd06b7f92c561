package dev.ledger.web.problem;

import dev.ledger.web.WebTestApplication;
import dev.ledger.web.WebTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests Tomcat refuses before Spring sees them still get a problem+json answer. */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledger.admin.token=s3cret")
class ContainerErrorsTest {

    @LocalServerPort
    int port;

    @Test
    void anEncodedNulInThePathIsAProblemNotAnHtmlPage() throws IOException {
        String answer = raw("GET /things/x%00y HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).contains("\"status\":400").contains("\"field\":\"path\"").doesNotContain("<html");
    }

    @Test
    void aBrokenPercentEscapeIsAProblemToo() throws IOException {
        String answer = raw("POST /greetings/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json").doesNotContain("<html");
    }

    private String raw(String request) throws IOException {
        return new WebTestClient(port).raw(request);
    }
}
