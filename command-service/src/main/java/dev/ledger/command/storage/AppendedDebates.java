package dev.ledger.command.storage;

import java.util.Set;

/**
 * Told which debates an append wrote events to, right after the insert, on the same connection and in the same
 * transaction (see {@link DebateAppendingStorageEngine}): work that must commit with the events or not at all.
 */
public interface AppendedDebates {

    void appended(Set<String> debateIds);
}
