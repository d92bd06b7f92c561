package dev.ledger.query.web;

import dev.ledger.query.api.ReadYourWrites;
import dev.ledger.query.api.Views.ClaimView;
import dev.ledger.query.api.Views.CredenceView;
import dev.ledger.query.api.Views.ReasonView;
import dev.ledger.query.claim.CredenceDistribution;
import dev.ledger.query.influence.InfluenceQueries;
import dev.ledger.query.influence.InfluenceViews.RankedReason;
import dev.ledger.query.timeline.TimelineQueries;
import dev.ledger.query.timeline.TimelineView;
import dev.ledger.web.request.PageRequest;
import dev.ledger.web.request.RequestParams;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A debate's page: its claims with the spread of current credences and the reasons as a tree, its participants with
 * their roles, and its timeline a page at a time ({@code ?after=}). Read permission is DebateReadGuard's, as for the
 * API: a private debate is 404 to anyone who may not read it.
 */
@Controller
class DebatePage {

    static final int TIMELINE_PAGE = 50;
    /** The influence ranking shown beside the reasons: the debate's most influential reasons. */
    static final int INFLUENCE_RANKED = 200;

    private final WholeDebate wholeDebate;
    private final InfluenceQueries influence;
    private final TimelineQueries timeline;
    private final ReadYourWrites readYourWrites;

    DebatePage(WholeDebate wholeDebate, InfluenceQueries influence, TimelineQueries timeline, ReadYourWrites readYourWrites) {
        this.wholeDebate = wholeDebate;
        this.influence = influence;
        this.timeline = timeline;
        this.readYourWrites = readYourWrites;
    }

    /** A claim as the debate page lists it: everyone's credence now (with names), their spread, and its reasons. */
    public record ClaimSummary(ClaimView claim, List<NamedCredence> credences, CredenceDistribution distribution,
                        List<ReasonTree.Node> reasons) {
    }

    public record NamedCredence(String participantId, String displayName, double credence) {
    }

    @GetMapping("/web/debates/{debateId}")
    String debate(@PathVariable("debateId") String debateId,
                  @RequestParam(name = "after", required = false) String after,
                  @RequestParam(name = "minSequence", required = false) String minSequence,
                  Model model) {
        String id = RequestParams.uuid("debateId", debateId);
        PageRequest timelinePage = PageRequest.of(String.valueOf(TIMELINE_PAGE), after);
        if (minSequence != null) {
            readYourWrites.awaitSequence(id, ReadYourWrites.minSequence(minSequence));
        }
        WholeDebate.Debate debate = wholeDebate.read(id);
        Map<String, Double> influenceByReason = new HashMap<>();
        for (RankedReason ranked : influence.ranking(id, null, null, false, INFLUENCE_RANKED).reasons()) {
            influenceByReason.put(ranked.reason().reasonId(), ranked.influence().totalShift());
        }
        List<ClaimSummary> claims = debate.claims().stream()
                .map(claim -> new ClaimSummary(claim,
                        claim.credences().stream()
                                .map(c -> new NamedCredence(c.participantId(), debate.displayName(c.participantId()), c.credence()))
                                .toList(),
                        CredenceDistribution.of(claim.credences().stream().map(CredenceView::credence).toList()),
                        ReasonTree.of(flat(debate.reasonsOn(claim.claimId())), influenceByReason)))
                .toList();
        TimelineView entries = timeline.page(id, timelinePage, new TimelineQueries.Filter(null, null, null));
        Viewer viewer = (Viewer) model.getAttribute("viewer");
        model.addAttribute("debate", debate);
        model.addAttribute("claims", claims);
        model.addAttribute("timeline", entries);
        model.addAttribute("timelineAfter", timelinePage.after());
        model.addAttribute("access", WebAccess.of(debate, viewer));
        return "web/debate";
    }

    static List<ReasonTree.Flat> flat(List<ReasonView> reasons) {
        return reasons.stream()
                .map(r -> new ReasonTree.Flat(r.reasonId(), r.stance(), r.text(), r.by(), r.inReplyTo(), r.proposedAt(),
                        r.acknowledgements()))
                .toList();
    }
}
