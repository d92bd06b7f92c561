package dev.ledger.query.api;

import dev.ledger.query.api.Views.CoverageView;

import java.util.List;
import java.util.Map;

/**
 * The engagement coverage a history entry carries: of the view the change moved from, at the moment of the change
 * (before it, so the reasons the change itself cites do not count): "moved after engaging 1 of 2 opposing reasons".
 * A first view moves from no view: nothing opposes. Implemented by the scoring package, which owns the rule; an
 * interface here so the history does not depend on it.
 */
public interface HistoryCoverage {

    /** A participant's view change: its sequence, claim and the credence it moved from (null for a first view). */
    record Change(long sequence, String claimId, Double from) {
    }

    /** The participant's coverage just before each of these changes of theirs, by sequence. */
    Map<Long, CoverageView> atChanges(String debateId, String participantId, List<Change> changes);
}
