package dev.ledger.query.scoring;

import dev.ledger.query.api.PastBeliefs;
import dev.ledger.query.api.PointInTime;
import dev.ledger.query.api.ReadYourWrites;
import org.springframework.stereotype.Component;

/**
 * The debate sequence a scoring or engagement query answers at, as the other debate queries decide it: waits for
 * {@code ?minSequence=} and {@code ?atSequence=}, resolves {@code ?asOf=} to the last sequence applied by then;
 * null for "now".
 */
@Component
class AskedPoint {

    static final String POINT_DOC = " Current, or as it was at ?asOf= or ?atSequence= (asOf before the debate "
            + "opened is 404; atSequence beyond the projection waits like minSequence, then 503).";

    private final ReadYourWrites readYourWrites;
    private final PastBeliefs pastBeliefs;

    AskedPoint(ReadYourWrites readYourWrites, PastBeliefs pastBeliefs) {
        this.readYourWrites = readYourWrites;
        this.pastBeliefs = pastBeliefs;
    }

    Long sequence(String debateId, String minSequence, String asOf, String atSequence) {
        PointInTime point = PointInTime.parse(asOf, atSequence);
        if (minSequence != null) {
            readYourWrites.awaitSequence(debateId, ReadYourWrites.minSequence(minSequence));
        }
        if (point.atSequence() != null) {
            readYourWrites.awaitSequence(debateId, point.atSequence(), "atSequence");
            return point.atSequence();
        }
        if (point.asOf() != null) {
            return pastBeliefs.sequenceAsOf(debateId, point.asOf());
        }
        return null;
    }
}
