package dev.ledger.bench;

import java.time.Duration;

/**
 * How big each part of a run is. {@code full} is the workload (under 20 minutes on 2 cores),
 * {@code quick} a scaled one (under 3 minutes), {@code tiny} only checks that every figure can be produced.
 * {@code sampleTimeCap} bounds the sequential latency phases (big debate, queries) on a slow machine: they stop
 * at their sample count or at the cap, whichever comes first. {@code queryWarmup}: the query phase first sends
 * its queries at least this long unmeasured, at most three times this long until the query-service's JIT compilers
 * are done (the query paths run there for the first time; see QueryLatencyFigures). The warm-up (60 s full, 15 s quick) is there for the JIT compilers to
 * finish with the command path (a 3 s warm-up left the 1-client phase measuring compilation: the command-service
 * burnt half a core at 13 commands/s). {@code rawJdbcPhase} is the length of each limit's phase, raw JDBC and bare
 * Spring MVC alike (the bare endpoint first warms up for twice that). {@code jitSettleBudget}: how long the warm-up may
 * go on at a lighter load until the command-service's JIT compilers are done (see ThroughputFigures).
 */
public record BenchSettings(
        String mode,
        Duration warmup,
        Duration throughputPhase,
        Duration rawJdbcPhase,
        Duration visibilityPhase,
        int visibilityRate,
        long logTargetEvents,
        Duration logFillBudget,
        long bigDebateEvents,
        Duration bigDebateFillBudget,
        int bigDebateSamples,
        int querySamples,
        Duration queryWarmup,
        Duration rebuildTimeout,
        long eventsPerDebate,
        long samplerIntervalMillis,
        Duration sampleTimeCap,
        Duration visibilityGiveUp,
        Duration jitSettleBudget) {

    public static final int[] CLIENTS = {1, 8, 32};

    public static BenchSettings of(String mode) {
        return switch (mode) {
            case "full" -> new BenchSettings(mode, Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(15),
                    Duration.ofSeconds(30), 200, 1_000_000, Duration.ofSeconds(300), 100_000, Duration.ofSeconds(180),
                    300, 1000, Duration.ofSeconds(20), Duration.ofSeconds(180), 200, 1000, Duration.ofSeconds(60), Duration.ofSeconds(30),
                    Duration.ofSeconds(150));
            case "quick" -> new BenchSettings(mode, Duration.ofSeconds(15), Duration.ofSeconds(8), Duration.ofSeconds(4),
                    Duration.ofSeconds(10), 200, 100_000, Duration.ZERO, 3_000, Duration.ofSeconds(20),
                    100, 200, Duration.ofSeconds(5), Duration.ofSeconds(60), 200, 1000, Duration.ofSeconds(15), Duration.ofSeconds(30),
                    Duration.ofSeconds(30));
            case "tiny" -> new BenchSettings(mode, Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofMillis(500),
                    Duration.ofMillis(1500), 50, 0, Duration.ZERO, 100, Duration.ofSeconds(3),
                    5, 10, Duration.ofMillis(300), Duration.ofSeconds(10), 50, 250, Duration.ofSeconds(5), Duration.ofSeconds(6),
                    Duration.ZERO);
            default -> throw new IllegalArgumentException("unknown mode '" + mode + "': full, quick or tiny");
        };
    }
}
