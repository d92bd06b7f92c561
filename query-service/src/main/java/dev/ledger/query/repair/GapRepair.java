package dev.ledger.query.repair;

import dev.ledger.query.eventstore.EventStoreClient;
import dev.ledger.query.projection.IncomingRecord;
import dev.ledger.query.projection.LiveProjection;
import dev.ledger.query.projection.ParkedEvents;
import dev.ledger.query.projection.ProjectionMetrics;
import dev.ledger.query.projection.RecordDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Closes sequence gaps from the event store (issue #6, scenario 6). Every {@code ledger.gap-repair.interval}, a
 * debate whose records have waited in pending_event for longer than {@code ledger.gap-repair.after} gets its
 * missing events from the command-service's event feed, applied through the live pipeline (progress lock,
 * idempotent by sequence), which then drains the parked records. When the feed cannot be read the debate stays
 * parked (health DEGRADED, {@code lastRepairError}) and the next scan tries again: a sequence is never skipped.
 * Spring's scheduler runs one scan at a time (fixed delay), so two repairs never race each other; reconciliation
 * may apply the same events at the same moment, harmlessly (the pipeline's progress lock, idempotent by sequence).
 */
@Component
@EnableScheduling
class GapRepair {

    private static final Logger log = LoggerFactory.getLogger(GapRepair.class);
    private static final int MAX_FETCH = 10_000;

    private final ParkedEvents parked;
    private final EventStoreClient eventStore;
    private final LiveProjection projection;
    private final ProjectionMetrics metrics;
    private final Duration after;
    private final RecordDecoder decoder = new RecordDecoder();
    private String lastLoggedError;

    GapRepair(ParkedEvents parked, EventStoreClient eventStore, LiveProjection projection, ProjectionMetrics metrics,
              @Value("${ledger.gap-repair.after:2s}") Duration after) {
        this.parked = parked;
        this.eventStore = eventStore;
        this.projection = projection;
        this.metrics = metrics;
        this.after = after;
    }

    @Scheduled(fixedDelayString = "${ledger.gap-repair.interval:1s}", initialDelayString = "${ledger.gap-repair.interval:1s}")
    void repairDue() {
        List<String> due;
        try {
            due = parked.waitingLongerThan(after.toMillis() / 1000.0, 100);
        } catch (RuntimeException e) {
            failed("could not list the waiting debates: " + e.getMessage());
            return;
        }
        for (String debateId : due) {
            try {
                repair(debateId);
            } catch (RuntimeException e) {
                failed("debate " + debateId + ": " + e.getMessage());
            }
        }
    }

    /** Fetches and applies the debate's missing events until nothing of it waits any more. */
    void repair(String debateId) {
        Optional<ParkedEvents.Gap> gap = parked.gapOf(debateId);
        if (gap.isEmpty()) {
            return;
        }
        long missing = gap.get().lastAppliedSequence() + 1;
        while (gap.isPresent()) {
            long from = gap.get().lastAppliedSequence() + 1;
            int limit = (int) Math.min(MAX_FETCH, gap.get().highestParkedSequence() - gap.get().lastAppliedSequence());
            if (applyFromEventStore(debateId, from, limit) == 0) {
                failed("debate " + debateId + " waits for sequence " + from + ", which the event store does not have (yet)");
                return;
            }
            Optional<ParkedEvents.Gap> now = parked.gapOf(debateId);
            if (now.isPresent() && now.get().lastAppliedSequence() <= gap.get().lastAppliedSequence()) {
                failed("debate " + debateId + " still waits for sequence " + from + " after fetching it from the event store");
                return;
            }
            gap = now;
        }
        metrics.gapRepaired();
        metrics.repairAttempted(null);
        lastLoggedError = null;
        log.info("Repaired the gap of debate {} from sequence {} with events from the event store", debateId, missing);
    }

    /**
     * Applies up to {@code limit} of the debate's events from {@code fromSequence} on, read from the event store,
     * through the live pipeline (idempotent: events already applied change nothing); how many the store gave.
     */
    int applyFromEventStore(String debateId, long fromSequence, int limit) {
        Optional<EventStoreClient.DebateEvents> events = eventStore.events(debateId, fromSequence, Math.min(limit, MAX_FETCH));
        if (events.isEmpty() || events.get().events().isEmpty()) {
            return 0;
        }
        List<IncomingRecord> records = events.get().events().stream().map(decoder::decode).toList();
        projection.apply(records);
        return records.size();
    }

    private void failed(String error) {
        metrics.repairAttempted(error);
        if (!Objects.equals(error, lastLoggedError)) {
            log.warn("Gap repair failed, will retry: {}", error);
            lastLoggedError = error;
        }
    }
}
