package dev.ledger.command.api;

/** JSON response bodies; {@code sequence} is the debate position of the event the command wrote (or had written). */
public final class DebateResponses {

    private DebateResponses() {
    }

    public record DebateOpenedResponse(String debateId, long sequence) {
    }

    public record SequenceResponse(long sequence) {
    }

    public record ClaimStatedResponse(String claimId, long sequence) {
    }

    public record ReasonProposedResponse(String reasonId, long sequence) {
    }

    public record ViewUpdatedResponse(long sequence, Double previous) {
    }
}
