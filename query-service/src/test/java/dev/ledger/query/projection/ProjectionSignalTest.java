package dev.ledger.query.projection;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionSignalTest {

    private static final long LONG_WAIT = TimeUnit.SECONDS.toNanos(30);
    private static final long SHORT_WAIT = TimeUnit.MILLISECONDS.toNanos(50);

    private final ProjectionSignal signal = new ProjectionSignal();

    @Test
    void aWaiterIsWokenByACommitOfItsDebateThatReachesItsSequence() throws Exception {
        try (ProjectionSignal.Waiter waiter = signal.register("d1", 3)) {
            CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> await(waiter, LONG_WAIT));
            signal.committed(Map.of("d1", 3L));

            assertThat(woken.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(signal.committedSequence("d1")).isEqualTo(3);
        }
    }

    @Test
    void commitsOfOtherDebatesOrLowerSequencesDoNotWakeAWaiter() throws Exception {
        try (ProjectionSignal.Waiter waiter = signal.register("d1", 3)) {
            signal.committed(Map.of("d2", 10L));
            signal.committed(Map.of("d1", 2L));

            assertThat(waiter.await(SHORT_WAIT)).isFalse();
            assertThat(signal.committedSequence("d1")).isEqualTo(2);
            assertThat(signal.committedSequence("unknown")).isZero();
        }
    }

    @Test
    void aCommittedSequenceNeverGoesBack() {
        signal.committed(Map.of("d1", 5L));
        signal.committed(Map.of("d1", 4L));

        assertThat(signal.committedSequence("d1")).isEqualTo(5);
    }

    @Test
    void closedWaitersAreForgotten() {
        ProjectionSignal.Waiter first = signal.register("d1", 1);
        ProjectionSignal.Waiter second = signal.register("d1", 2);
        assertThat(signal.debatesWaitedFor()).isEqualTo(1);

        first.close();
        assertThat(signal.debatesWaitedFor()).isEqualTo(1);
        second.close();
        assertThat(signal.debatesWaitedFor()).isZero();
    }

    private static boolean await(ProjectionSignal.Waiter waiter, long nanos) {
        try {
            return waiter.await(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
