package dev.ledger.query.projection;

import dev.ledger.events.UnreadableEventException;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies records to the read model in their debate's sequence order: read the debate's progress, then apply,
 * park or ignore the record, and record how far the debate got. {@link #projectLocked} is one record under its
 * debate's row lock in the caller's transaction ({@link RecordProjection}, gap repair); the live listener projects
 * a whole poll in one transaction ({@link LiveBatchProjector}), a rebuild a batch of its own ({@link BatchProjector}).
 */
@Service
class Projector {

    private final LockedProgress progress;
    private final ParkedEvents parked;
    private final SkippedEvents skippedEvents;
    private final ReadModelWriter writer;
    private final TimelineWriter timeline;
    private final RecordDecoder decoder;

    Projector(LockedProgress progress, ParkedEvents parked, SkippedEvents skippedEvents, ReadModelWriter writer,
              TimelineWriter timeline, RecordDecoder decoder) {
        this.progress = progress;
        this.parked = parked;
        this.skippedEvents = skippedEvents;
        this.writer = writer;
        this.timeline = timeline;
        this.decoder = decoder;
    }

    /**
     * One record under its debate's progress lock; the caller holds the transaction. Not {@code @Transactional}
     * on purpose: a transactional method would make this bean a proxy, and every call of the batch path below
     * would then go through the proxy's reflection (15% of a rebuild's thread in a profile).
     */
    ProjectionOutcome projectLocked(IncomingRecord record) {
        return project(record, progress);
    }

    /** The projection of one record; the caller holds the transaction (live and rebuild: one per batch). */
    ProjectionOutcome project(IncomingRecord record, SequenceTracker tracker) {
        String debateId = record.debateId();
        long last = tracker.lastSequence(debateId);
        if (record.sequence() <= last) {
            return new ProjectionOutcome(debateId, ProjectionOutcome.Kind.ALREADY_APPLIED, last, 0, List.of(), List.of());
        }
        if (record.sequence() > last + 1) {
            parked.park(record);
            tracker.parked(debateId);
            return new ProjectionOutcome(debateId, ProjectionOutcome.Kind.PARKED, last, last + 1, List.of(), List.of());
        }
        List<String> applied = new ArrayList<>();
        List<IncomingRecord.UnreadableEvent> skipped = new ArrayList<>();
        applyOne(record, applied, skipped);
        last = record.sequence();
        if (tracker.mayHaveParked(debateId)) {
            Optional<String> next;
            while ((next = parked.take(debateId, last + 1)).isPresent()) {
                applyOne(decodeParked(next.get()), applied, skipped);
                last++;
            }
            parked.discardUpTo(debateId, last);
        }
        tracker.advanceTo(debateId, last);
        return new ProjectionOutcome(debateId, ProjectionOutcome.Kind.ADVANCED, last, 0, applied, skipped);
    }

    private void applyOne(IncomingRecord record, List<String> applied, List<IncomingRecord.UnreadableEvent> skipped) {
        if (record instanceof IncomingRecord.KnownEvent known) {
            writer.apply(known.envelope());
            timeline.append(known.envelope());
            applied.add(known.type());
        } else if (record instanceof IncomingRecord.UnreadableEvent unreadable) {
            skippedEvents.record(unreadable);
            skipped.add(unreadable);
        }
    }

    private IncomingRecord decodeParked(String json) {
        try {
            return decoder.decode(json);
        } catch (UnreadableEventException e) {
            // Parked records decoded once already; this only happens if the codec changed underneath them.
            throw new IllegalStateException("a parked record can no longer be decoded: " + e.getMessage(), e);
        }
    }
}
