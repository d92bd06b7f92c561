package dev.ledger.web;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The test service on a random port, with the admin token {@link #ADMIN_TOKEN}. */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledger.admin.token=" + WebTestBase.ADMIN_TOKEN)
public abstract class WebTestBase {

    public static final String ADMIN_TOKEN = "s3cret";

    @LocalServerPort
    protected int port;

    protected WebTestClient client;

    @BeforeEach
    void client() {
        client = new WebTestClient(port);
    }
}
