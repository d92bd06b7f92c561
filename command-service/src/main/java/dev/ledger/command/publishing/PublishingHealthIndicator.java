package dev.ledger.command.publishing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Health component {@code publishing}: UP while Kafka keeps up; DEGRADED (still HTTP 200, commands are
 * accepted and kept) when events have waited longer than {@code ledger.publishing.stall-after} and nothing
 * was published for that long either. Waiting is measured from the oldest unpublished event, so a burst of
 * new commands after a quiet hour is not mistaken for a stall.
 */
@Component
public class PublishingHealthIndicator implements HealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED", "events are waiting and nothing reached Kafka recently");

    private final PublishingBacklog backlog;
    private final PublishingStatus status;
    private final Duration stallAfter;
    private final Clock clock = Clock.systemUTC();

    public PublishingHealthIndicator(PublishingBacklog backlog, PublishingStatus status,
                                     @Value("${ledger.publishing.stall-after:10s}") Duration stallAfter) {
        this.backlog = backlog;
        this.status = status;
        this.stallAfter = stallAfter;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        Instant lastPublishedAt = status.lastPublishedAt();
        details.put("lastPublishedAt", lastPublishedAt == null ? null : lastPublishedAt.toString());
        details.put("lastError", status.lastError());
        PublishingBacklog.Measurement measured;
        try {
            measured = backlog.measure();
        } catch (DataAccessException e) {
            details.put("backlog", null);
            details.put("error", "the event store database cannot be read: " + e.getMostSpecificCause().getMessage());
            return Health.unknown().withDetails(details).build();
        }
        details.put("backlog", measured.backlog());
        Instant now = clock.instant();
        Instant stalledBefore = now.minus(stallAfter);
        boolean waitingLong = measured.oldestWaiting() != null && measured.oldestWaiting().isBefore(stalledBefore);
        boolean quiet = lastPublishedAt == null || lastPublishedAt.isBefore(stalledBefore);
        if (measured.backlog() > 0 && waitingLong && quiet) {
            return Health.status(DEGRADED).withDetails(details).build();
        }
        return Health.up().withDetails(details).build();
    }
}
