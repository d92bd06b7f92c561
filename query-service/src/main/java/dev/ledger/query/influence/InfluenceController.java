package dev.ledger.query.influence;

import dev.ledger.query.api.AskedPoint;
import dev.ledger.query.api.Moment;
import dev.ledger.query.influence.InfluenceViews.ParticipantInfluencesView;
import dev.ledger.query.influence.InfluenceViews.RankingView;
import dev.ledger.query.influence.InfluenceViews.ReasonInfluenceView;
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

/**
 * "What moved whom": view changes attributed to the reasons they cite ({@code becauseOf}).
 * <ul>
 * <li>A view change's <b>shift</b> is {@code to - from}. A participant's first view on a claim has no from: it is
 * listed as a citation with shift null and counts in no total.</li>
 * <li>A change citing k (distinct) reasons attributes {@code shift / k} to each, so the attributions of a change add
 * up to its movement. It is an accounting convention, not a causal measurement: the participant said these reasons
 * moved them, not by how much each.</li>
 * <li>For a reason: {@code citations} = number of view changes citing it (first views included); {@code totalShift}
 * = sum of |attributed shift|; {@code shiftTowardsStance} = sum of attributed shift, signed so that positive means the
 * participant moved the way the reason argues (up for a {@code for} reason, down for an {@code against} reason; the
 * sign follows the reason's stance even if the change is on another claim); {@code participantsMoved} = distinct
 * participants with a nonzero attributed shift.</li>
 * </ul>
 * Once a citing change's claim is resolved, {@code credit} stands beside the shift: the change's log-score points
 * (dev.ledger.query.scoring, docs/scoring.md) split among the reasons it cites; null before.
 * Shift numbers are rounded to 12 decimal places. Every endpoint answers as of now, or as of {@code ?asOf=} /
 * {@code ?atSequence=} (only view changes and reasons up to that debate sequence count), and takes
 * {@code ?minSequence=} (read your writes) like the other debate queries.
 */
@RestController
@Tag(name = "Influence", description = "What moved whom: view changes attributed to the reasons they cite (becauseOf)")
@RequestMapping(path = "/debates/{debateId}", produces = MediaType.APPLICATION_JSON_VALUE)
class InfluenceController {

    private static final String CREDIT_DOC = " credit: once the claim of a citing change is resolved, the log-score points "
            + "of the citing changes split among the reasons each cites (docs/scoring.md); null while none is resolved.";
    private static final String POINT_DOC = AskedPoint.POINT_DOC;

    private final InfluenceQueries influence;
    private final AskedPoint point;

    InfluenceController(InfluenceQueries influence, AskedPoint point) {
        this.influence = influence;
        this.point = point;
    }

    @Operation(operationId = "getInfluenceRanking", summary = "The debate's reasons ranked by influence: totalShift desc, then citations desc, then the order "
            + "they were proposed", description = "Each reason with citations, totalShift (sum of |shift / k| over the view "
            + "changes citing it, k = reasons the change cites; first views count as citations only), shiftTowardsStance "
            + "(positive: people moved the way the reason argues) and participantsMoved. Reasons nobody cited are left "
            + "out unless includeUncited=true." + CREDIT_DOC + POINT_DOC)
    @Refuses(status = 404, field = "claimId", when = "the claimId filter names no claim stated in this debate (by that point)")
    @GetMapping("/influence")
    RankingView ranking(@PathVariable("debateId") String debateId,
                        @Parameter(description = "Only reasons on this claim")
                        @RequestParam(name = "claimId", required = false) String claimId,
                        @Parameter(description = "How many reasons at most: 1 to 200, default 20")
                        @RequestParam(name = "limit", required = false) String limit,
                        @Parameter(description = "true to list reasons nobody cited too (with zero influence)")
                        @RequestParam(name = "includeUncited", required = false) String includeUncited,
                        @ParameterObject Moment moment) {
        String id = RequestParams.uuid("debateId", debateId);
        String claim = claimId == null ? null : RequestParams.opaqueId("claimId", claimId);
        int max = InfluenceParams.limit(limit);
        boolean uncited = RequestParams.flag("includeUncited", includeUncited);
        Long sequence = point.sequence(id, moment);
        return influence.ranking(id, sequence, claim, uncited, max);
    }

    @Operation(operationId = "getReasonInfluence", summary = "One reason's influence: its totals and every view change citing it, in order",
            description = "citedBy lists each citing view change with from, to, shift and attributedShift (shift / number "
                    + "of reasons the change cites; null for a first view), a page at a time: at most ?limit= after the sequence "
                    + "?after=; pass the answer's nextAfter as ?after= for the next page (null on the last)." + POINT_DOC)
    @Refuses(status = 404, field = "reasonId", when = "no reason with this id was proposed in this debate (by that point)")
    @GetMapping("/reasons/{reasonId}/influence")
    ReasonInfluenceView reason(@PathVariable("debateId") String debateId, @PathVariable("reasonId") String reasonId,
                               @ParameterObject Moment moment,
                               @ParameterObject PageParameters paging) {
        String id = RequestParams.uuid("debateId", debateId);
        String reason = InfluenceParams.reasonId(reasonId);
        PageRequest page = paging.page();
        Long sequence = point.sequence(id, moment);
        return influence.reason(id, reason, sequence, page);
    }

    @Operation(operationId = "getParticipantInfluences", summary = "The reasons that moved a participant most: by the |shift| attributed to each from this "
            + "participant's view changes", description = "Each reason with its author and stance, and this participant's "
            + "view changes citing it (citedIn: the first 100; citations counts them all, and the reason's own influence "
            + "answer pages through every citing change). Reasons cited only in first views come last with totalShift 0."
            + CREDIT_DOC + POINT_DOC)
    @Refuses(status = 404, field = "participantId", when = "the participant had not joined this debate (by that point)")
    @Refuses(status = 404, field = "claimId", when = "the claimId filter names no claim stated in this debate (by that point)")
    @GetMapping("/participants/{participantId}/influences")
    ParticipantInfluencesView participant(@PathVariable("debateId") String debateId,
                                          @PathVariable("participantId") String participantId,
                                          @Parameter(description = "Only reasons on this claim")
                                          @RequestParam(name = "claimId", required = false) String claimId,
                                          @Parameter(description = "How many reasons at most: 1 to 200, default 20")
                                          @RequestParam(name = "limit", required = false) String limit,
                                          @ParameterObject Moment moment) {
        String id = RequestParams.uuid("debateId", debateId);
        String participant = RequestParams.participantId("participantId", participantId);
        String claim = claimId == null ? null : RequestParams.opaqueId("claimId", claimId);
        int max = InfluenceParams.limit(limit);
        Long sequence = point.sequence(id, moment);
        return influence.participant(id, participant, sequence, claim, max);
    }
}
