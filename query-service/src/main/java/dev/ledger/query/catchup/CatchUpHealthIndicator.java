package dev.ledger.query.catchup;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: the query-service should not take reads while its projection is far behind the
 * topic (after a restart with a backlog, say), because every answer would be stale. Out of service while
 * the total lag exceeds {@code ledger.query.catch-up.max-lag}; unknown (still ready) when Kafka cannot be
 * asked, since the read model can still answer what it has.
 */
@Component("projectionCatchUp")
public class CatchUpHealthIndicator implements HealthIndicator {

    private final ConsumerLag lag;
    private final long maxLag;

    public CatchUpHealthIndicator(ConsumerLag lag, @Value("${ledger.query.catch-up.max-lag:1000}") long maxLag) {
        this.lag = lag;
        this.maxLag = maxLag;
    }

    @Override
    public Health health() {
        ConsumerLag.Reading reading = lag.read();
        if (!reading.known()) {
            return Health.unknown().withDetail("problem", reading.problem()).build();
        }
        Health.Builder health = reading.total() > maxLag ? Health.outOfService() : Health.up();
        return health.withDetail("lag", reading.total())
                .withDetail("maxLag", maxLag)
                .withDetail("lagByPartition", reading.byPartition())
                .withDetail("at", reading.at().toString())
                .build();
    }
}
