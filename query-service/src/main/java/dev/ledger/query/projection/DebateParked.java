package dev.ledger.query.projection;

/** Published after a record was parked because its debate waits for {@code missingSequence}. */
public record DebateParked(String debateId, long missingSequence) {
}
