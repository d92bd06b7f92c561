package dev.ledger.web.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;

/** A health component "settable" whose status a test chooses; UP until then (both services' HealthStatusTest). */
public final class SettableHealthIndicator implements HealthIndicator {

    private volatile Status status = Status.UP;

    public void report(Status status) {
        this.status = status;
    }

    @Override
    public Health health() {
        return Health.status(status).build();
    }

    /** Imported by the test base: a @Bean, not a @Component, so no service's component scan picks it up. */
    public static final class Registration {
        @Bean
        SettableHealthIndicator settableHealthIndicator() {
            return new SettableHealthIndicator();
        }
    }
}
