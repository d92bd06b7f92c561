package dev.ledger.query.api;

import dev.ledger.query.api.Views.CoverageView;

import java.util.List;
import java.util.Map;

/**
 * The engagement coverage a history entry carries: at the moment of its change, right after it, so against the view
 * it set and counting the reasons it cites (docs/scoring.md: "moved to 0.7 having engaged 1 of 1 opposing reasons").
 * Implemented by the scoring package, which owns the rule; an interface here so the history does not depend on it.
 */
public interface HistoryCoverage {

    /** A participant's view change: its sequence, claim and the credence it set. */
    record Change(long sequence, String claimId, double credence) {
    }

    /** The participant's coverage right after each of these changes of theirs, by sequence. */
    Map<Long, CoverageView> atChanges(String debateId, String participantId, List<Change> changes);
}
