package dev.ledger.system;

/**
 * A command the command-service accepted: the event it must lead to, by debate, sequence, event type and the id
 * the timeline shows for it (participantId for joins and views, claimId for claims, reasonId for reasons).
 */
record Accepted(String debateId, long sequence, String type, String subjectId) {
}
