package dev.ledger.query.participant;

import dev.ledger.query.api.Views.BeliefView;

import java.util.List;

/** A participant's current beliefs in every debate they joined, debates in the order they were opened. */
public record ParticipantBeliefsView(String participantId, List<DebateBeliefs> debates) {

    /** {@code sequence} is that debate's last applied sequence, as in the per-debate beliefs answer. */
    public record DebateBeliefs(String debateId, String title, String displayName, long sequence, List<BeliefView> beliefs) {
    }
}
