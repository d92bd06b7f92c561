package dev.ledger.query.api;

import dev.ledger.query.api.Views.BeliefsView;
import dev.ledger.query.api.Views.DebateView;
import dev.ledger.query.api.Views.HistoryView;
import dev.ledger.query.problem.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The query API. Every query takes {@code ?minSequence=N}: the answer then reflects at least the debate's
 * first N events (read your own writes), or the request fails with 503 not-ready after a bounded wait. A
 * debate that does not exist yet is waited for the same way (its DebateOpened may be in flight), so with
 * minSequence an unknown debate answers 503 after the wait; without it, 404 at once.
 */
@RestController
@RequestMapping(path = "/debates/{debateId}", produces = MediaType.APPLICATION_JSON_VALUE)
class DebateQueryController {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern PARTICIPANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String MIN_SEQUENCE_DOC = "Wait (bounded) until the debate's projection has applied at least this sequence";

    private final DebateQueries queries;
    private final ReadYourWrites readYourWrites;

    DebateQueryController(DebateQueries queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @Operation(summary = "A debate: its participants, claims with everyone's current credence, and reasons with their acknowledgements")
    @GetMapping
    DebateView debate(@PathVariable("debateId") String debateId,
                      @Parameter(description = MIN_SEQUENCE_DOC) @RequestParam(name = "minSequence", required = false) String minSequence) {
        String id = debateId(debateId);
        awaitIfAsked(id, minSequence);
        return queries.debate(id);
    }

    @Operation(summary = "A participant's current beliefs in a debate")
    @GetMapping("/participants/{participantId}/beliefs")
    BeliefsView beliefs(@PathVariable("debateId") String debateId, @PathVariable("participantId") String participantId,
                        @Parameter(description = MIN_SEQUENCE_DOC) @RequestParam(name = "minSequence", required = false) String minSequence) {
        String id = debateId(debateId);
        String participant = participantId(participantId);
        awaitIfAsked(id, minSequence);
        return queries.beliefs(id, participant);
    }

    @Operation(summary = "Every view change a participant made in a debate, in order")
    @GetMapping("/participants/{participantId}/history")
    HistoryView history(@PathVariable("debateId") String debateId, @PathVariable("participantId") String participantId,
                        @Parameter(description = MIN_SEQUENCE_DOC) @RequestParam(name = "minSequence", required = false) String minSequence) {
        String id = debateId(debateId);
        String participant = participantId(participantId);
        awaitIfAsked(id, minSequence);
        return queries.history(id, participant);
    }

    private void awaitIfAsked(String debateId, String minSequence) {
        if (minSequence != null) {
            readYourWrites.awaitSequence(debateId, minSequence(minSequence));
        }
    }

    /** Debate ids are UUIDs; the canonical (lower-case) form is the one events carry. */
    private static String debateId(String value) {
        if (!UUID.matcher(value).matches()) {
            throw new InvalidRequestException("debateId", "must be a UUID like 3f2c1a9e-8b7d-4c6e-9f01-23456789abcd");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static String participantId(String value) {
        if (!PARTICIPANT_ID.matcher(value).matches()) {
            throw new InvalidRequestException("participantId",
                    "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    private static long minSequence(String value) {
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("minSequence", "must be a whole number of 1 or more");
        }
        if (parsed < 1) {
            throw new InvalidRequestException("minSequence", "must be a whole number of 1 or more");
        }
        return parsed;
    }
}
