package dev.ledger.query.api;

import io.swagger.v3.oas.annotations.Parameter;
import org.springdoc.core.annotations.ParameterObject;

/**
 * The moment a debate read answers at, as its query string asks: {@code ?minSequence=} (wait until the projection has
 * applied that sequence: read your writes), and at most one of {@code ?asOf=} and {@code ?atSequence=} (time travel);
 * all absent means now. Bound by Spring MVC from the query parameters of the same names; a controller method takes it
 * as a springdoc {@code @ParameterObject}, so every historical read documents and parses the three alike.
 */
public record Moment(@Parameter(description = ReadYourWrites.MIN_SEQUENCE_DOC) String minSequence,
                     @Parameter(description = PointInTime.AS_OF_DOC) String asOf,
                     @Parameter(description = PointInTime.AT_SEQUENCE_DOC) String atSequence) {

    /** The asOf/atSequence pair, parsed (400 naming the field when malformed or both are given). */
    public PointInTime point() {
        return PointInTime.parse(asOf, atSequence);
    }
}
