package dev.ledger.query.scoring;

import java.time.Duration;
import java.time.Instant;

/**
 * A resolved claim's open period: from its statement ({@code statedAt}, T0) to the resolution in force
 * ({@code resolvedAt}, T1), and what turned out true ({@code outcome}: o = 1 for true, 0 for false).
 */
public record OpenPeriod(Instant statedAt, Instant resolvedAt, boolean outcome) {

    public OpenPeriod {
        if (resolvedAt.isBefore(statedAt)) {
            throw new IllegalArgumentException("resolved at " + resolvedAt + " before the claim was stated at " + statedAt);
        }
    }

    /** T1 - T0 in seconds. */
    public double seconds() {
        return seconds(statedAt, resolvedAt);
    }

    static double seconds(Instant from, Instant to) {
        Duration duration = Duration.between(from, to);
        return duration.getSeconds() + duration.getNano() / 1e9;
    }
}
