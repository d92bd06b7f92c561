package dev.ledger.query.scoring;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a claim's resolution history: resolved (with its {@code outcome}) or annulled (outcome null), at a
 * debate sequence and time.
 */
public record ResolutionEntry(long sequence, Instant at, Boolean outcome, String note, String by) {

    public boolean annulled() {
        return outcome == null;
    }

    /**
     * The resolution in force right after {@code sequence}: the latest entry up to it, if it resolved the claim (an
     * annulment leaves it unresolved until the next resolution).
     */
    public static Optional<ResolutionEntry> inForce(List<ResolutionEntry> history, long sequence) {
        return history.stream()
                .filter(entry -> entry.sequence() <= sequence)
                .max(Comparator.comparingLong(ResolutionEntry::sequence))
                .filter(entry -> !entry.annulled());
    }
}
