package dev.ledger.query;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bearer tokens on the query-service: reads need none, /admin/** and the actuator's details need the service token or an
 * admin account, account tokens are checked by the command-service's introspection (here its stand-in) and a revoked
 * one stops working within the cache time.
 */
class AccountAccessTest extends QueryServiceTestBase {

    private static final String NO_DEBATE = "/debates/00000000-0000-0000-0000-000000000000";

    @Test
    void adminPathsNeedTheServiceTokenOrAnAdminAccount() {
        String admin = token("root", true);
        String member = token("maya", false);

        Answer none = get("/admin/rebuild", new String[0]);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.json().get("type").asString()).isEqualTo("urn:ledger:problem:unauthorized");
        assertThat(get("/admin/rebuild", "Authorization", "Bearer " + EventStoreStub.TOKEN + "x").status()).isEqualTo(401);
        assertThat(get("/admin/rebuild", "Authorization", "Basic " + EventStoreStub.TOKEN).status()).isEqualTo(401);

        assertThat(get("/admin/rebuild", "Authorization", "Bearer " + EventStoreStub.TOKEN).status()).isEqualTo(200);
        assertThat(get("/admin/rebuild", "Authorization", "Bearer " + admin).status()).isEqualTo(200);
        Answer forbidden = get("/admin/rebuild", "Authorization", "Bearer " + member);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().get("type").asString()).isEqualTo("urn:ledger:problem:forbidden");
    }

    @Test
    void readsNeedNoTokenButAWrongOneIs401() {
        assertThat(get(NO_DEBATE, new String[0]).status()).isEqualTo(404);
        assertThat(get(NO_DEBATE, "Authorization", "Bearer " + token("ines", false)).status()).isEqualTo(404);
        Answer wrong = get(NO_DEBATE, "Authorization", "Bearer ldg_" + UUID.randomUUID());
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("errors").get(0).get("field").asString()).isEqualTo("Authorization");
    }

    @Test
    void aRevokedTokenStopsWorkingWithinTheCacheTime() {
        String token = token("olaf", true);
        assertThat(get("/admin/rebuild", "Authorization", "Bearer " + token).status()).isEqualTo(200);
        int asked = EventStoreStub.get().introspections();
        assertThat(get("/admin/rebuild", "Authorization", "Bearer " + token).status()).isEqualTo(200);
        assertThat(EventStoreStub.get().introspections()).as("the second request is answered from the cache").isEqualTo(asked);

        EventStoreStub.get().revoke(token);
        long revokedAt = System.nanoTime();
        await().atMost(Duration.ofMillis(INTROSPECTION_CACHE_MS * 3)).pollInterval(Duration.ofMillis(50))
                .until(() -> get("/admin/rebuild", "Authorization", "Bearer " + token).status() == 401);
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofMillis(INTROSPECTION_CACHE_MS + 1000));
    }

    @Test
    void actuatorDetailsAndMetricsOnlyForAdminsAndTheService() {
        assertThat(get("/actuator/health/liveness", new String[0]).status()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", new String[0]).status()).isIn(200, 503);
        Answer bare = get("/actuator/health", new String[0]);
        assertThat(bare.json().has("status")).isTrue();
        assertThat(bare.json().has("components")).as("no components or details for anonymous").isFalse();
        assertThat(bare.json().has("details")).isFalse();
        assertThat(get("/actuator/health", "Authorization", "Bearer " + token("pia", false)).json().has("components")).isFalse();

        assertThat(get("/actuator/health", "Authorization", "Bearer " + EventStoreStub.TOKEN).json().has("components")).isTrue();
        assertThat(get("/actuator/health", "Authorization", "Bearer " + token("quinn", true)).json().has("components")).isTrue();

        assertThat(get("/actuator/prometheus", new String[0]).status()).isEqualTo(401);
        assertThat(get("/actuator/metrics", "Authorization", "Bearer " + token("ravi", false)).status()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", "Authorization", "Bearer " + EventStoreStub.TOKEN).status()).isEqualTo(200);
    }
}
