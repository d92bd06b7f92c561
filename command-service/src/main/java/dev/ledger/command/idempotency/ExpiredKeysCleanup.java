package dev.ledger.command.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes expired Idempotency-Keys every {@code ledger.idempotency.cleanup-interval}, at most
 * {@code ledger.idempotency.cleanup-batch} rows per run, so one run never holds a long transaction; a backlog is
 * worked off over the following runs. Expired rows left behind do no harm: a request reusing one claims it as new.
 */
@Component
@EnableScheduling
class ExpiredKeysCleanup {

    private static final Logger log = LoggerFactory.getLogger(ExpiredKeysCleanup.class);

    private final IdempotencyKeys keys;
    private final int batch;

    ExpiredKeysCleanup(IdempotencyKeys keys, @Value("${ledger.idempotency.cleanup-batch:10000}") int batch) {
        this.keys = keys;
        this.batch = batch;
    }

    @Scheduled(fixedDelayString = "${ledger.idempotency.cleanup-interval:10m}",
            initialDelayString = "${ledger.idempotency.cleanup-interval:10m}")
    void deleteExpired() {
        try {
            int deleted = keys.deleteExpired(batch);
            if (deleted > 0) {
                log.info("Deleted {} expired Idempotency-Keys{}", deleted, deleted == batch ? " (more remain for the next run)" : "");
            }
        } catch (RuntimeException e) {
            log.warn("Deleting expired Idempotency-Keys failed; the next run tries again: {}", e.toString());
        }
    }
}
