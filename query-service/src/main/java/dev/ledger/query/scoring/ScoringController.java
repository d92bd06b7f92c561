package dev.ledger.query.scoring;

import dev.ledger.web.security.Reader;
import dev.ledger.query.api.AskedPoint;
import dev.ledger.query.api.Moment;
import dev.ledger.query.scoring.ScoringViews.ClaimScoresView;
import dev.ledger.query.scoring.ScoringViews.DebateScoresView;
import dev.ledger.query.scoring.ScoringViews.ParticipantScoresView;
import dev.ledger.query.scoring.ScoringViews.ReasonCreditView;
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

/**
 * Scores of people and credit of reasons on resolved claims (docs/scoring.md). Debate reads pass DebateReadGuard
 * like every {@code /debates/{debateId}} query; the participant's scores across debates list only debates the caller
 * may read.
 */
@RestController
@Tag(name = "Scores", description = "Once a claim is resolved: how well each participant's credence tracked the outcome, "
        + "and how much credit each reason earned (docs/scoring.md)")
class ScoringController {

    private static final String PAGE_DOC = " Paged: at most ?limit= entries after the first ?after=; pass the answer's "
            + "nextAfter as ?after= for the next page (null on the last).";

    private final ScoringQueries scoring;
    private final AskedPoint point;

    ScoringController(ScoringQueries scoring, AskedPoint point) {
        this.scoring = scoring;
        this.point = point;
    }

    @Operation(operationId = "getClaimScores", summary = "A resolved claim's scores: each participant's time-averaged Brier and "
            + "log scores, baseline and peer scores", description = "Computed exactly over each participant's credence "
            + "step function from the claim's statement to the resolution in force; brier and log average over the time "
            + "the participant held a view (heldFor, seconds), baseline and peer over the whole open period (time without "
            + "a view scores 0). Credences are clamped to [0.001, 0.999] for the log scores. Participants in the order of "
            + "their first view." + PAGE_DOC + AskedPoint.POINT_DOC)
    @Refuses(status = 404, field = "claimId", when = "no claim with this id was stated in this debate (by that point)")
    @Refuses(status = 409, field = "claimId", when = "the claim is not resolved at that point (type urn:ledger:problem:"
            + "claim-not-resolved): never resolved, not yet, or its resolution was annulled")
    @GetMapping(path = "/debates/{debateId}/claims/{claimId}/scores", produces = MediaType.APPLICATION_JSON_VALUE)
    ClaimScoresView claimScores(@PathVariable("debateId") String debateId, @PathVariable("claimId") String claimId,
                                @ParameterObject Moment moment,
                                @ParameterObject PageParameters paging) {
        String id = RequestParams.uuid("debateId", debateId);
        String claim = RequestParams.opaqueId("claimId", claimId);
        PageRequest page = paging.page();
        return scoring.claimScores(id, claim, point.sequence(id, moment), page);
    }

    @Operation(operationId = "getDebateScores", summary = "Each participant's scores averaged over the debate's resolved claims",
            description = "Per participant: claims (the resolved claims they held a view on) and the mean of each score over "
                    + "them (brier and log over the claims where they held a view for some time). resolvedClaims counts "
                    + "the claims resolved at that point." + PAGE_DOC + AskedPoint.POINT_DOC)
    @GetMapping(path = "/debates/{debateId}/scores", produces = MediaType.APPLICATION_JSON_VALUE)
    DebateScoresView debateScores(@PathVariable("debateId") String debateId,
                                  @ParameterObject Moment moment,
                                  @ParameterObject PageParameters paging) {
        String id = RequestParams.uuid("debateId", debateId);
        PageRequest page = paging.page();
        return scoring.debateScores(id, point.sequence(id, moment), page);
    }

    @Operation(operationId = "getScoresAcrossDebates", summary = "A participant's averaged scores in every debate they joined "
            + "that the caller may read", description = "Lists only debates the caller may read (public ones, and private "
            + "ones the caller joined or was invited to; all of them for an admin), in the order they were opened, each "
            + "as of its last applied sequence; claims is 0 where none of the participant's claims is resolved. Paged by "
            + "debate: at most ?limit= debates after the first ?after=; pass the answer's nextAfter as ?after= for the "
            + "next page (null on the last).")
    @Refuses(status = 404, field = "participantId", when = "the participant never joined any debate known to the read model that the caller may read")
    @GetMapping(path = "/participants/{participantId}/scores", produces = MediaType.APPLICATION_JSON_VALUE)
    ParticipantScoresView participantScores(@PathVariable("participantId") String participantId,
                                            @ParameterObject PageParameters paging) {
        String participant = RequestParams.participantId("participantId", participantId);
        return scoring.participantScores(participant, Reader.current(), paging.page());
    }

    @Operation(operationId = "getReasonCredit", summary = "A resolved claim's reasons ranked by credit: the log-score points of the "
            + "view changes that cited them (Hanson's market scoring rule)", description = "A view change from p to q "
            + "(p = 0.5 for a participant's first view) earns ln(q_o) - ln(p_o), clamped, times the part of the open period it "
            + "stood before the resolution, split equally among the reasons it cites; a reason's credit is the sum over "
            + "everyone it moved (movedParticipants). Negative credit: it moved people away from what turned out true. "
            + "Lists the reasons cited by the claim's view changes and the claim's own reasons (0 if uncited), by credit "
            + "descending, then in the order proposed; uncited: the points of changes citing no reason." + PAGE_DOC
            + AskedPoint.POINT_DOC)
    @Refuses(status = 404, field = "claimId", when = "no claim with this id was stated in this debate (by that point)")
    @Refuses(status = 409, field = "claimId", when = "the claim is not resolved at that point (type urn:ledger:problem:"
            + "claim-not-resolved): never resolved, not yet, or its resolution was annulled")
    @GetMapping(path = "/debates/{debateId}/claims/{claimId}/reason-credit", produces = MediaType.APPLICATION_JSON_VALUE)
    ReasonCreditView reasonCredit(@PathVariable("debateId") String debateId, @PathVariable("claimId") String claimId,
                                  @ParameterObject Moment moment,
                                  @ParameterObject PageParameters paging) {
        String id = RequestParams.uuid("debateId", debateId);
        String claim = RequestParams.opaqueId("claimId", claimId);
        PageRequest page = paging.page();
        return scoring.reasonCredit(id, claim, point.sequence(id, moment), page);
    }
}
