package dev.ledger.query.projection;

/**
 * Where the projector reads and records how far each debate got. The live listener locks the progress rows of
 * a poll's debates for its one transaction ({@link LiveBatchProgress}); a single record projected on its own
 * (gap repair) locks its debate's row ({@link LockedProgress}); a rebuild, the only writer of its own tables,
 * keeps progress in memory for a whole batch ({@link BatchProgress}).
 */
interface SequenceTracker {

    /** The debate's last applied sequence (0 for a debate not seen before). */
    long lastSequence(String debateId);

    void advanceTo(String debateId, long sequence);

    /** Whether records of this debate may wait in pending_event (false lets a rebuild skip the look-up). */
    boolean mayHaveParked(String debateId);

    void parked(String debateId);
}
