package dev.ledger.query.projection;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The {@code projection} health component. A debate waiting for a missing sequence makes it
 * {@code DEGRADED}, which shared-web's health-status.properties maps to HTTP 200 and orders below UP: visible to operators in
 * {@code /actuator/health}, while readiness (which only looks at the readiness state) stays UP, because the
 * rest of the read model still answers correctly.
 */
@Component
class ProjectionHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "debates wait for a missing sequence; see debatesWaiting");
    private static final int LISTED = 20;

    private final ParkedEvents parkedEvents;
    private final ProjectionMetrics metrics;

    ProjectionHealthIndicator(ParkedEvents parkedEvents, ProjectionMetrics metrics) {
        this.parkedEvents = parkedEvents;
        this.metrics = metrics;
    }

    @Override
    public Health health() {
        long waitingCount = parkedEvents.debatesWaiting();
        List<ParkedEvents.WaitingDebate> waiting = parkedEvents.waitingDebates(LISTED);
        Health.Builder health = waitingCount == 0 ? Health.up() : Health.status(DEGRADED);
        return health
                .withDetail("debatesWaitingCount", waitingCount)
                .withDetail("debatesWaiting", waiting)
                .withDetail("gapsWaiting", waitingCount)
                .withDetail("gapsRepaired", metrics.gapsRepairedSinceStart())
                .withDetail("debatesReconciled", metrics.reconciledSinceStart())
                .withDetail("lastRepairError", String.valueOf(metrics.lastRepairError()))
                .withDetail("skippedEvents", parkedEvents.skippedEvents())
                .withDetail("deadLetteredSinceStart", metrics.deadLetteredSinceStart())
                .build();
    }
}
