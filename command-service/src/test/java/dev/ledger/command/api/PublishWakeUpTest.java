package dev.ledger.command.api;

import dev.ledger.command.CommandServiceApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher's reader is woken when a command's transaction has committed, not by its poll: with the poll set
 * to two minutes, an accepted command's event is on Kafka within seconds. (A wake-up before the commit would find
 * nothing new and leave the event to the next poll.) A service instance of its own, on its own database.
 */
class PublishWakeUpTest extends IntegrationTestBase {

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private ConfigurableApplicationContext service;

    @AfterEach
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void anAcceptedCommandIsPublishedWithoutWaitingForThePoll() {
        service = new SpringApplicationBuilder(CommandServiceApplication.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.datasource.url=" + POSTGRES.createDatabaseIfMissing("ledger_publish_wake_up"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--ledger.event-store.poll-interval-ms=120000");
        int servicePort = ((WebServerApplicationContext) service).getWebServer().getPort();
        Response opened = send(servicePort, "POST", "/debates", "{\"title\":\"Published at once\"}");
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
