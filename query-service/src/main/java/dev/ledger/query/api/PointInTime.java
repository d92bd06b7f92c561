package dev.ledger.query.api;

import dev.ledger.web.problem.InvalidRequestException;
import dev.ledger.web.request.RequestParams;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The {@code ?asOf=} / {@code ?atSequence=} pair the historical queries share: at most one of them; neither
 * means "now". 400 naming the field when malformed.
 */
public record PointInTime(Instant asOf, Long atSequence) {

    public static final String AS_OF_DOC = "An ISO-8601 instant, e.g. 2025-03-01T09:00:10Z: the answer as it was then";
    public static final String AT_SEQUENCE_DOC = "A debate sequence (1 or more): the answer right after that event was applied";

    public static PointInTime parse(String asOf, String atSequence) {
        if (asOf != null && atSequence != null) {
            throw new InvalidRequestException("asOf, atSequence", "are exclusive: pass one of asOf and atSequence, not both");
        }
        return new PointInTime(asOf == null ? null : instant("asOf", asOf),
                atSequence == null ? null : RequestParams.wholeNumber("atSequence", atSequence, 1));
    }

    public boolean isNow() {
        return asOf == null && atSequence == null;
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "must be an ISO-8601 instant like 2025-03-01T09:00:00Z");
        }
    }
}
