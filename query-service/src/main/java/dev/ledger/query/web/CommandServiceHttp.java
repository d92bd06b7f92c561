package dev.ledger.query.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The web view's calls to the command-service (minting a signed-in person's token, forwarding the forms), with
 * bounded waits: 2 s to connect, ledger.command.timeout for the answer. Each call names its own credential.
 */
@Component
public class CommandServiceHttp {

    private final RestClient client;

    CommandServiceHttp(@Value("${ledger.command.url}") String commandUrl,
                       @Value("${ledger.command.timeout:10s}") Duration timeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(timeout);
        this.client = RestClient.builder().baseUrl(commandUrl).requestFactory(requests).build();
    }

    public RestClient client() {
        return client;
    }
}
