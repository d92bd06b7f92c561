package dev.ledger.query;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class AdminAuthenticationTest extends QueryServiceTestBase {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void adminEndpointsNeedTheBearerToken() throws Exception {
        HttpResponse<String> none = adminWith(null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(none.body()).get("type").asString()).isEqualTo("urn:ledger:problem:unauthorized");

        HttpResponse<String> wrong = adminWith("Bearer " + EventStoreStub.TOKEN + "x");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(adminWith("Basic " + EventStoreStub.TOKEN).statusCode()).isEqualTo(401);

        assertThat(adminWith("Bearer " + EventStoreStub.TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/debates/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);   // not admin: no token needed
    }

    private HttpResponse<String> adminWith(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/rebuild"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
