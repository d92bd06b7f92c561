package dev.ledger.query.claim;

import dev.ledger.query.api.PastBeliefs;
import dev.ledger.query.api.PointInTime;
import dev.ledger.query.api.ReadYourWrites;
import dev.ledger.web.apidoc.Refuses;
import dev.ledger.web.request.PageRequest;
import dev.ledger.web.request.RequestParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** One claim in depth: its reasons tree, the spread of credences, and how each participant's credence moved. */
@RestController
@Tag(name = "Claims", description = "One claim in depth: its reasons, the spread of credences, and how each participant moved")
class ClaimController {

    private final ClaimQueries claims;
    private final ReadYourWrites readYourWrites;
    private final PastBeliefs pastBeliefs;

    ClaimController(ClaimQueries claims, ReadYourWrites readYourWrites, PastBeliefs pastBeliefs) {
        this.claims = claims;
        this.readYourWrites = readYourWrites;
        this.pastBeliefs = pastBeliefs;
    }

    @Operation(operationId = "getClaim", summary = "A claim: its reasons as a tree with acknowledgements, the distribution of current credences, "
            + "and each participant's credence trajectory; current, or as it was at ?asOf= or ?atSequence=",
            description = "The answer's sequence is the debate sequence it reflects. asOf before the debate opened, or a claim "
                    + "not yet stated at that point, is 404. atSequence beyond the projection waits like minSequence, then 503. "
                    + "Paged: reasons and trajectory points (view changes) share one order, their sequence; a page holds at most "
                    + "?limit= of them after the sequence ?after=. Pass the answer's nextAfter as ?after= for the next page "
                    + "(null on the last); a reply whose reason is on an earlier page is listed at the top level.")
    @Refuses(status = 404, field = "claimId", when = "no claim with this id was stated in this debate (by that point)")
    @GetMapping(path = "/debates/{debateId}/claims/{claimId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ClaimDetailView claim(@PathVariable("debateId") String debateId, @PathVariable("claimId") String claimId,
                          @Parameter(description = ReadYourWrites.MIN_SEQUENCE_DOC)
                          @RequestParam(name = "minSequence", required = false) String minSequence,
                          @Parameter(description = PointInTime.AS_OF_DOC)
                          @RequestParam(name = "asOf", required = false) String asOf,
                          @Parameter(description = PointInTime.AT_SEQUENCE_DOC)
                          @RequestParam(name = "atSequence", required = false) String atSequence,
                          @Parameter(description = "Only reasons and view changes after this sequence (0 or more, default 0)")
                          @RequestParam(name = "after", required = false) String after,
                          @Parameter(description = PageRequest.LIMIT_DOC) @RequestParam(name = "limit", required = false) String limit) {
        String id = RequestParams.uuid("debateId", debateId);
        String claim = RequestParams.opaqueId("claimId", claimId);
        PointInTime point = PointInTime.parse(asOf, atSequence);
        PageRequest page = PageRequest.of(limit, after);
        if (minSequence != null) {
            readYourWrites.awaitSequence(id, ReadYourWrites.minSequence(minSequence));
        }
        if (point.atSequence() != null) {
            readYourWrites.awaitSequence(id, point.atSequence(), "atSequence");
            return claims.claimAt(id, claim, point.atSequence(), page);
        }
        if (point.asOf() != null) {
            return claims.claimAt(id, claim, pastBeliefs.sequenceAsOf(id, point.asOf()), page);
        }
        return claims.claimNow(id, claim, page);
    }
}
