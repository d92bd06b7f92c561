package dev.ledger.command.api;

import dev.ledger.command.debate.DebateAggregate;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A command whose debate stays locked longer than the lock wait (default 3 s) answers 503 with Retry-After. */
class DebateLockWaitTest extends IntegrationTestBase {

    @Autowired
    Repository<DebateAggregate> debates;

    @Test
    void aDebateLockedLongerThanTheLockWaitAnswers503AndRecordsNothing() throws Exception {
        String debateId = openDebate();
        join(debateId, "alice");
        long events = eventCount(debateId);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The repository holds a debate's lock from its load until the unit of work that loaded it is cleaned up.
        Thread holder = new Thread(() -> {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("hold the debate"));
            try {
                debates.load(debateId);
                locked.countDown();
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                unitOfWork.rollback();
            }
        });
        holder.start();
        try {
            assertThat(locked.await(15, TimeUnit.SECONDS)).isTrue();
            long started = System.nanoTime();
            Response busy = post("/debates/" + debateId + "/claims", "{\"statement\":\"Waited\",\"by\":\"alice\"}");
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(busy.status()).as(busy.raw()).isEqualTo(503);
            assertThat(busy.contentType()).startsWith("application/problem+json");
            assertThat(busy.header("Retry-After")).isEqualTo("1");
            assertThat(busy.text("type")).isEqualTo("urn:ledger:problem:busy");
            assertThat(busy.body().get("errors").get(0).get("field").asString()).isEqualTo("debateId");
            assertThat(waited).isBetween(Duration.ofMillis(2_500), Duration.ofSeconds(10));
            assertThat(eventCount(debateId)).isEqualTo(events);
        } finally {
            release.countDown();
            holder.join(15_000);
        }

        Response afterwards = post("/debates/" + debateId + "/claims", "{\"statement\":\"Later\",\"by\":\"alice\"}");
        assertThat(afterwards.status()).as(afterwards.raw()).isEqualTo(201);
    }
}
