package dev.ledger.query.projection;

import org.springframework.stereotype.Component;

/** The live projection's tracker: the debate's progress row, locked for the rest of the record's transaction. */
@Component
class LockedProgress implements SequenceTracker {

    private final DebateProgress progress;

    LockedProgress(DebateProgress progress) {
        this.progress = progress;
    }

    @Override
    public long lastSequence(String debateId) {
        return progress.lockLastSequence(debateId);
    }

    @Override
    public void advanceTo(String debateId, long sequence) {
        progress.advanceTo(debateId, sequence);
    }

    @Override
    public boolean mayHaveParked(String debateId) {
        return true;
    }

    @Override
    public void parked(String debateId) {
    }
}
