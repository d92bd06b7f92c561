package dev.ledger.query.api;

import dev.ledger.query.api.Views.BeliefsView;
import dev.ledger.query.api.Views.DebateView;
import dev.ledger.query.api.Views.HistoryView;
import dev.ledger.web.apidoc.Refuses;
import dev.ledger.web.request.PageParameters;
import dev.ledger.web.request.PageRequest;
import dev.ledger.web.request.RequestParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * The query API. Every query takes {@code ?minSequence=N}: the answer then reflects at least the debate's
 * first N events (read your own writes), or the request fails with 503 not-ready after a bounded wait. A
 * debate the event store knows but the read model does not yet is waited for the same way (its DebateOpened may be
 * in flight); one that exists nowhere, or that the caller may not read (DebateReadGuard), is 404 at once.
 */
@RestController
@Tag(name = "Debates", description = "A debate as it stands, and each participant's beliefs (now or at a past point) and history")
@RequestMapping(path = "/debates/{debateId}", produces = MediaType.APPLICATION_JSON_VALUE)
class DebateQueryController {

    private static final String MIN_SEQUENCE_DOC = ReadYourWrites.MIN_SEQUENCE_DOC;

    private final DebateQueries queries;
    private final ReadYourWrites readYourWrites;
    private final PastBeliefs pastBeliefs;

    DebateQueryController(DebateQueries queries, ReadYourWrites readYourWrites, PastBeliefs pastBeliefs) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.pastBeliefs = pastBeliefs;
    }

    @Operation(operationId = "getDebate", summary = "A debate: its participants, claims with everyone's current credence, and reasons with their acknowledgements",
            description = "Paged: participants, claims and reasons share one order (the sequence that added them); a page holds "
                    + "at most ?limit= of them after the sequence ?after=. Pass the answer's nextAfter as ?after= for the next "
                    + "page (null on the last).")
    @GetMapping
    DebateView debate(@PathVariable("debateId") String debateId,
                      @Parameter(description = MIN_SEQUENCE_DOC) @RequestParam(name = "minSequence", required = false) String minSequence,
                      @ParameterObject PageParameters paging) {
        String id = debateId(debateId);
        PageRequest page = paging.page();
        readYourWrites.awaitIfAsked(id, minSequence);
        return queries.debate(id, page);
    }

    @Operation(operationId = "getBeliefs", summary = "A participant's beliefs in a debate: current, or as they were at ?asOf= or ?atSequence=",
            description = "With asOf or atSequence the answer is exactly the live answer as it was right after that point; "
                    + "its sequence is the debate sequence it reflects. asOf before the debate opened, or a participant "
                    + "who had not joined yet, is 404. atSequence beyond the projection waits like minSequence, then 503.")
    @Refuses(status = 404, field = "participantId", when = "the participant never joined this debate (or not yet at that point)")
    @GetMapping("/participants/{participantId}/beliefs")
    BeliefsView beliefs(@PathVariable("debateId") String debateId, @PathVariable("participantId") String participantId,
                        @ParameterObject Moment moment) {
        String id = debateId(debateId);
        String participant = participantId(participantId);
        PointInTime point = moment.point();
        Instant asOfInstant = point.asOf();
        Long sequence = point.atSequence();
        readYourWrites.awaitIfAsked(id, moment.minSequence());
        if (sequence != null) {
            readYourWrites.awaitSequence(id, sequence, "atSequence");
            return pastBeliefs.beliefsAt(id, participant, sequence);
        }
        if (asOfInstant != null) {
            return pastBeliefs.beliefsAsOf(id, participant, asOfInstant);
        }
        return queries.beliefs(id, participant);
    }

    @Operation(operationId = "getHistory", summary = "Every view change a participant made in a debate, in order, each with the reasons it cites "
            + "(cites: reasonId, author, stance, claimId, in becauseOf order)",
            description = "Paged: at most ?limit= changes after the sequence ?after=; pass the answer's nextAfter as ?after= "
                    + "for the next page (null on the last).")
    @Refuses(status = 404, field = "participantId", when = "the participant never joined this debate")
    @GetMapping("/participants/{participantId}/history")
    HistoryView history(@PathVariable("debateId") String debateId, @PathVariable("participantId") String participantId,
                        @Parameter(description = MIN_SEQUENCE_DOC) @RequestParam(name = "minSequence", required = false) String minSequence,
                        @ParameterObject PageParameters paging) {
        String id = debateId(debateId);
        String participant = participantId(participantId);
        PageRequest page = paging.page();
        readYourWrites.awaitIfAsked(id, minSequence);
        return queries.history(id, participant, page);
    }

    private static String debateId(String value) {
        return RequestParams.uuid("debateId", value);
    }

    private static String participantId(String value) {
        return RequestParams.participantId("participantId", value);
    }
}
