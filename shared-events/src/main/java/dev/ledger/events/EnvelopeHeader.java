package dev.ledger.events;

/**
 * The envelope's fields without its payload: what a reader can still learn from a record whose payload
 * it cannot read (an unknown type or a newer version), enough to record it as skipped and move on.
 */
public record EnvelopeHeader(String eventId, String type, int version, String debateId, long sequence) {
}
