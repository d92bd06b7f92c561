package dev.ledger.command.storage;

import java.util.List;

/**
 * Told what an append wrote, right after the insert, on the same connection and in the same transaction (see
 * {@link DebateAppendingStorageEngine}): work that must commit with the events or not at all.
 */
public interface AppendedDebates {

    /** The debate events just inserted, in the order written, with exactly the column values stored. */
    void appended(List<StoredEvent> events);
}
