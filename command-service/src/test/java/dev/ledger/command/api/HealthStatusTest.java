package dev.ledger.command.api;

import dev.ledger.web.health.SettableHealthIndicator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationContext;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health answers what a load balancer or orchestrator must act on: DOWN and OUT_OF_SERVICE are 503, UP and
 * DEGRADED (still serving) are 200, on /actuator/health and on the probes.
 */
class HealthStatusTest extends IntegrationTestBase {

    @Autowired
    SettableHealthIndicator settable;

    @Autowired
    ApplicationContext context;

    @AfterEach
    void healthy() {
        settable.report(Status.UP);
        AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
    }

    @ParameterizedTest(name = "{0} answers {1}")
    @CsvSource({"UP, 200", "DEGRADED, 200", "DOWN, 503", "OUT_OF_SERVICE, 503"})
    void theServiceStatusAnswersWithItsHttpStatus(String status, int httpStatus) {
        settable.report(new Status(status));

        // Every other component is UP, unless one is still settling from an earlier test: then wait for it.
        Response health = awaitValue(Duration.ofSeconds(20), () -> send("GET", "/actuator/health", null),
                response -> status.equals(response.text("status")));

        assertThat(health.text("status")).as(health.raw()).isEqualTo(status);
        assertThat(health.body().get("components").get("settable").get("status").asString()).isEqualTo(status);
        assertThat(health.status()).as(health.raw()).isEqualTo(httpStatus);
    }

    @Test
    void theProbesAnswer503WhenNotReadyOrBroken() {
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        Response readiness = send("GET", "/actuator/health/readiness", null);
        assertThat(readiness.text("status")).isEqualTo("OUT_OF_SERVICE");
        assertThat(readiness.status()).isEqualTo(503);

        AvailabilityChangeEvent.publish(context, LivenessState.BROKEN);
        Response liveness = send("GET", "/actuator/health/liveness", null);
        assertThat(liveness.text("status")).isEqualTo("DOWN");
        assertThat(liveness.status()).isEqualTo(503);
    }
}
