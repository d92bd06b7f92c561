package dev.ledger.query.scoring;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One view change on a claim (debate {@code sequence}): from {@code at} on, the participant's credence is
 * {@code credence} until their next change. {@code becauseOf} are the reasons it cites (duplicates count once).
 */
public record ViewStep(long sequence, String participantId, Instant at, double credence, List<String> becauseOf) {

    public ViewStep {
        becauseOf = List.copyOf(new LinkedHashSet<>(becauseOf));
    }
}
