package dev.ledger.query.scoring;

import dev.ledger.query.api.AskedPoint;
import dev.ledger.query.api.Moment;
import dev.ledger.query.scoring.ScoringViews.ClaimEngagementView;
import dev.ledger.query.scoring.ScoringViews.EngagementView;
import dev.ledger.web.apidoc.Refuses;
import dev.ledger.web.problem.InvalidRequestException;
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

/**
 * Engagement coverage: whether a participant engaged with the reasons on the other side of their view (stance
 * against while their credence is above 0.5, for while below, none at exactly 0.5) by acknowledging, replying to or
 * citing them.
 */
@RestController
@Tag(name = "Engagement", description = "Whether participants engaged with the reasons opposing their view: coverage = engaged / opposing")
@RequestMapping(path = "/debates/{debateId}", produces = MediaType.APPLICATION_JSON_VALUE)
class EngagementController {

    private static final String RULE_DOC = "Opposing reasons: the claim's reasons proposed by then with stance against while "
            + "the participant's credence is above 0.5, for while below; none at exactly 0.5 or without a view. A reason "
            + "is engaged if the participant acknowledged it (noted or conceded), replied to it (proposed a reason in "
            + "reply) or cited it in a view change, by then. coverage = engaged / opposing, null with no opposing reason.";

    private final EngagementQueries engagement;
    private final AskedPoint point;

    EngagementController(EngagementQueries engagement, AskedPoint point) {
        this.engagement = engagement;
        this.point = point;
    }

    @Operation(operationId = "getParticipantEngagement", summary = "A participant's engagement on a claim: each opposing reason "
            + "with how they engaged with it (acknowledged, replied, cited, or none), and their coverage",
            description = RULE_DOC + AskedPoint.POINT_DOC)
    @Refuses(status = 404, field = "participantId", when = "the participant had not joined this debate (by that point)")
    @Refuses(status = 404, field = "claimId", when = "no claim with this id was stated in this debate (by that point)")
    @GetMapping("/participants/{participantId}/engagement")
    EngagementView participant(@PathVariable("debateId") String debateId, @PathVariable("participantId") String participantId,
                               @Parameter(description = "The claim (required)", required = true)
                               @RequestParam(name = "claimId", required = false) String claimId,
                               @ParameterObject Moment moment) {
        String id = RequestParams.uuid("debateId", debateId);
        String participant = RequestParams.participantId("participantId", participantId);
        if (claimId == null) {
            throw new InvalidRequestException("claimId", "is required: the claim whose opposing reasons to look at");
        }
        String claim = RequestParams.opaqueId("claimId", claimId);
        return engagement.participant(id, participant, claim, point.sequence(id, moment));
    }

    @Operation(operationId = "getClaimEngagement", summary = "Each participant's engagement coverage on a claim",
            description = RULE_DOC + " Every participant who had joined by then, in the order they joined (credence null "
                    + "without a view). Paged: at most ?limit= participants after the first ?after=; pass the answer's "
                    + "nextAfter as ?after= for the next page (null on the last)." + AskedPoint.POINT_DOC)
    @Refuses(status = 404, field = "claimId", when = "no claim with this id was stated in this debate (by that point)")
    @GetMapping("/claims/{claimId}/engagement")
    ClaimEngagementView claim(@PathVariable("debateId") String debateId, @PathVariable("claimId") String claimId,
                              @ParameterObject Moment moment,
                              @ParameterObject PageParameters paging) {
        String id = RequestParams.uuid("debateId", debateId);
        String claim = RequestParams.opaqueId("claimId", claimId);
        PageRequest page = paging.page();
        return engagement.claim(id, claim, point.sequence(id, moment), page);
    }
}
