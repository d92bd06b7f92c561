package dev.ledger.query.repair;

import dev.ledger.query.eventstore.EventStoreClient;
import dev.ledger.query.projection.DebateParked;
import dev.ledger.query.projection.ParkedEvents;
import dev.ledger.query.projection.ProjectionMetrics;
import dev.ledger.query.projection.RecordProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes sequence gaps from the event store (issue #6, scenario 6). A debate whose records wait in
 * pending_event for longer than {@code ledger.gap-repair.after} gets its missing events from the
 * command-service's event feed; they are projected one transaction each through the live path (progress lock,
 * idempotent by sequence), which then drains the parked records. Attempted right after a park (after the
 * delay) and by a periodic scan. When the feed cannot be read the debate stays parked (health DEGRADED,
 * {@code lastRepairError}) and the scan tries again: a sequence is never skipped.
 * All work runs on one thread, so two repairs never race each other.
 */
@Component
class GapRepair implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GapRepair.class);
    private static final int MAX_FETCH = 10_000;

    private final ParkedEvents parked;
    private final EventStoreClient eventStore;
    private final RecordProjection projection;
    private final ProjectionMetrics metrics;
    private final Duration after;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "ledger-gap-repair");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String lastLoggedError;

    GapRepair(ParkedEvents parked, EventStoreClient eventStore, RecordProjection projection, ProjectionMetrics metrics,
              @Value("${ledger.gap-repair.after:2s}") Duration after,
              @Value("${ledger.gap-repair.interval:1s}") Duration interval) {
        this.parked = parked;
        this.eventStore = eventStore;
        this.projection = projection;
        this.metrics = metrics;
        this.after = after;
        executor.scheduleWithFixedDelay(this::repairDue, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @EventListener
    void onParked(DebateParked parkedDebate) {
        executor.schedule(() -> repairQuietly(parkedDebate.debateId()), after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void repairDue() {
        List<String> due;
        try {
            due = parked.waitingLongerThan(after.toMillis() / 1000.0, 100);
        } catch (RuntimeException e) {
            failed("could not list the waiting debates: " + e.getMessage());
            return;
        }
        due.forEach(this::repairQuietly);
    }

    private void repairQuietly(String debateId) {
        try {
            repair(debateId);
        } catch (RuntimeException e) {
            failed("debate " + debateId + ": " + e.getMessage());
        }
    }

    /** Fetches and projects the debate's missing events until nothing of it waits any more. */
    void repair(String debateId) {
        Optional<ParkedEvents.Gap> gap = parked.gapOf(debateId);
        if (gap.isEmpty()) {
            return;
        }
        long missing = gap.get().lastAppliedSequence() + 1;
        while (gap.isPresent()) {
            long from = gap.get().lastAppliedSequence() + 1;
            int limit = (int) Math.min(MAX_FETCH, gap.get().highestParkedSequence() - gap.get().lastAppliedSequence());
            Optional<EventStoreClient.DebateEvents> events = eventStore.events(debateId, from, limit);
            if (events.isEmpty() || events.get().events().isEmpty()) {
                failed("debate " + debateId + " waits for sequence " + from
                        + ", which the event store does not have (yet)");
                return;
            }
            events.get().events().forEach(projection::project);
            Optional<ParkedEvents.Gap> after = parked.gapOf(debateId);
            if (after.isPresent() && after.get().lastAppliedSequence() <= gap.get().lastAppliedSequence()) {
                failed("debate " + debateId + " still waits for sequence " + from + " after fetching it from the event store");
                return;
            }
            gap = after;
        }
        metrics.gapRepaired();
        metrics.repairAttempted(null);
        lastLoggedError = null;
        log.info("Repaired the gap of debate {} from sequence {} with events from the event store", debateId, missing);
    }

    private void failed(String error) {
        metrics.repairAttempted(error);
        if (!Objects.equals(error, lastLoggedError)) {
            log.warn("Gap repair failed, will retry: {}", error);
            lastLoggedError = error;
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
