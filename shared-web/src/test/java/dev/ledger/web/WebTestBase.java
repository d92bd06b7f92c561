package dev.ledger.web;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The test service on a random port, with the service token {@link #SERVICE_TOKEN}. */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledger.service-token=" + WebTestBase.SERVICE_TOKEN)
public abstract class WebTestBase {

    public static final String SERVICE_TOKEN = "test-service-token-0123456789abcdef";

    @LocalServerPort
    protected int port;

    protected WebTestClient client;

    @BeforeEach
    void client() {
        client = new WebTestClient(port);
    }
}
