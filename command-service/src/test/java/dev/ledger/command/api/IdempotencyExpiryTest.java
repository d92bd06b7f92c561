package dev.ledger.command.api;

import dev.ledger.command.idempotency.IdempotencyKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency-Keys are remembered for LEDGER_IDEMPOTENCY_TTL (24 h by default), then run as new and get deleted. */
class IdempotencyExpiryTest extends IntegrationTestBase {

    @Autowired
    IdempotencyKeys keys;

    @Test
    void anExpiredKeyRunsAsANewRequest() {
        String key = "expiring-" + UUID.randomUUID();
        Response first = post("/debates", "{\"title\":\"Remembered for a day\"}", "Idempotency-Key", key);
        age(key, "25 hours");
        long events = eventCount();

        Response again = post("/debates", "{\"title\":\"Remembered for a day\"}", "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.text("debateId")).isNotEqualTo(first.text("debateId"));
        assertThat(eventCount()).isEqualTo(events + 1);
        Response retry = post("/debates", "{\"title\":\"Remembered for a day\"}", "Idempotency-Key", key);
        assertThat(retry.body()).isEqualTo(again.body());
    }

    @Test
    void anExpiredKeyMayBeUsedForAnotherRequest() {
        String key = "reused-" + UUID.randomUUID();
        assertThat(post("/debates", "{\"title\":\"One\"}", "Idempotency-Key", key).status()).isEqualTo(201);
        age(key, "25 hours");

        assertThat(post("/debates", "{\"title\":\"Two\"}", "Idempotency-Key", key).status()).isEqualTo(201);
    }

    @Test
    void theCleanupDeletesExpiredKeysOnlyAndAtMostItsBatch() {
        String fresh = "fresh-" + UUID.randomUUID();
        post("/debates", "{\"title\":\"Fresh\"}", "Idempotency-Key", fresh);
        String[] expired = new String[3];
        for (int i = 0; i < expired.length; i++) {
            expired[i] = "expired-" + i + "-" + UUID.randomUUID();
            post("/debates", "{\"title\":\"Old\"}", "Idempotency-Key", expired[i]);
            age(expired[i], "30 days");
        }

        int firstRun = keys.deleteExpired(2);
        int secondRun = keys.deleteExpired(1000);

        assertThat(firstRun).isEqualTo(2);
        assertThat(secondRun).isGreaterThanOrEqualTo(1);
        for (String key : expired) {
            assertThat(stored(key)).isZero();
        }
        assertThat(stored(fresh)).isOne();
    }

    private void age(String key, String by) {
        jdbc.update("UPDATE idempotency_key SET created_at = created_at - CAST(? AS interval) WHERE idempotency_key = ?", by, key);
    }

    private long stored(String key) {
        return jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE idempotency_key = ?", Long.class, key);
    }
}
