package dev.ledger.query.api;

import org.springframework.stereotype.Component;

/**
 * The debate sequence a historical query (influence, scores, engagement) answers at: waits for
 * {@code ?minSequence=} and {@code ?atSequence=}, resolves {@code ?asOf=} to the last sequence applied by then;
 * null for "now".
 */
@Component
public class AskedPoint {

    public static final String POINT_DOC = " Current, or as it was at ?asOf= or ?atSequence= (asOf before the debate "
            + "opened is 404; atSequence beyond the projection waits like minSequence, then 503).";

    private final ReadYourWrites readYourWrites;
    private final PastBeliefs pastBeliefs;

    AskedPoint(ReadYourWrites readYourWrites, PastBeliefs pastBeliefs) {
        this.readYourWrites = readYourWrites;
        this.pastBeliefs = pastBeliefs;
    }

    public Long sequence(String debateId, Moment moment) {
        PointInTime point = moment.point();
        readYourWrites.awaitIfAsked(debateId, moment.minSequence());
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
