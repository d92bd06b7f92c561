package dev.ledger.command.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher's reader is woken when a command's transaction has committed, not by its poll: with the poll set
 * to two minutes, an accepted command's event is on Kafka within seconds. (A wake-up before the commit would find
 * nothing new and leave the event to the next poll.) A service instance of its own, on its own database.
 */
class PublishWakeUpTest extends IntegrationTestBase {


    @Test
    void anAcceptedCommandIsPublishedWithoutWaitingForThePoll() {
        int servicePort = portOf(startInstance(POSTGRES.createDatabaseIfMissing("ledger_publish_wake_up"),
                "--ledger.event-store.poll-interval-ms=120000"));
        Response opened = send(servicePort, "POST", "/debates", "{\"title\":\"Published at once\",\"visibility\":\"public\"}");
        assertThat(opened.status()).isEqualTo(201);
        String debateId = opened.text("debateId");
        assertThat(TopicReader.recordsOf(bootstrapServers, debateId, found -> !found.isEmpty(), Duration.ofSeconds(60)))
                .as("the first event, once the publisher runs").hasSize(1);

        long started = System.nanoTime();
        assertThat(send(servicePort, "POST", "/debates/" + debateId + "/participants",
                "{\"participantId\":\"ida\",\"displayName\":\"Ida\"}").status()).isEqualTo(201);
        int published = TopicReader.recordsOf(bootstrapServers, debateId, found -> found.size() >= 2, Duration.ofSeconds(30)).size();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(published).isEqualTo(2);
        assertThat(took).as("from the command to its event on Kafka (the poll is 120 s)").isLessThan(Duration.ofSeconds(15));
    }
}
