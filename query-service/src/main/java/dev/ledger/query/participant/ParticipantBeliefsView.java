package dev.ledger.query.participant;

import dev.ledger.query.api.Views.BeliefView;

import java.util.List;

/**
 * A participant's current beliefs in the debates they joined, debates in the order they were opened, a page of
 * debates at a time: {@code nextAfter} is the {@code ?after=} of the next page, null on the last.
 */
public record ParticipantBeliefsView(String participantId, List<DebateBeliefs> debates, Long nextAfter) {

    /** {@code sequence} is that debate's last applied sequence, as in the per-debate beliefs answer. */
    public record DebateBeliefs(String debateId, String title, String displayName, long sequence, List<BeliefView> beliefs) {
    }
}
