package dev.ledger.query.claim;

import dev.ledger.query.api.AskedPoint;
import dev.ledger.query.api.Moment;
import dev.ledger.web.apidoc.Refuses;
import dev.ledger.web.request.PageParameters;
import dev.ledger.web.request.PageRequest;
import dev.ledger.web.request.RequestParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** One claim in depth: its reasons tree, the spread of credences, and how each participant's credence moved. */
@RestController
@Tag(name = "Claims", description = "One claim in depth: its reasons, the spread of credences, and how each participant moved")
class ClaimController {

    private final ClaimQueries claims;
    private final AskedPoint point;

    ClaimController(ClaimQueries claims, AskedPoint point) {
        this.claims = claims;
        this.point = point;
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
                          @ParameterObject Moment moment,
                          @ParameterObject PageParameters paging) {
        String id = RequestParams.uuid("debateId", debateId);
        String claim = RequestParams.opaqueId("claimId", claimId);
        PageRequest page = paging.page();
        Long sequence = point.sequence(id, moment);
        return sequence == null ? claims.claimNow(id, claim, page) : claims.claimAt(id, claim, sequence, page);
    }
}
