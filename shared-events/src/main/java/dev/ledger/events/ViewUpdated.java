package dev.ledger.events;

import java.util.List;

/**
 * A participant changed their view on a claim: a credence in [0, 1], with an optional rationale and the
 * reasons that moved them. {@code previousCredence} is null for a first view, so a history entry reads
 * "from -> to" without looking further back. {@code becauseOf} is required since version 2 (an empty list
 * when no reason is cited); version 1 records without it are upcast by {@link PayloadUpcaster}.
 */
public record ViewUpdated(
        String debateId,
        String participantId,
        String claimId,
        double credence,
        Double previousCredence,
        String rationale,
        List<String> becauseOf) implements DebateEvent {

    public ViewUpdated {
        Require.text(debateId, "debateId");
        Require.text(participantId, "participantId");
        Require.text(claimId, "claimId");
        Require.credence(credence, "credence");
        if (previousCredence != null) {
            Require.credence(previousCredence, "previousCredence");
        }
        becauseOf = List.copyOf(Require.present(becauseOf, "becauseOf"));
    }
}
