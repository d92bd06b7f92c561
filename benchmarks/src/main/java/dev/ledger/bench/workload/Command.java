package dev.ledger.bench.workload;

/**
 * One REST command of the workload: what it is, the HTTP request that carries it, and the participant and
 * claim it is about (so the session can record what it created once the command is accepted).
 */
public record Command(Kind kind, String method, String path, String body, String participantId, String claimId) {

    /** The kinds of command {@link DebateSession} sends. */
    public enum Kind { OPEN_DEBATE, JOIN, STATE_CLAIM, PROPOSE_REASON, ACKNOWLEDGE, UPDATE_VIEW }
}
