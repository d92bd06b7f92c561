package dev.ledger.query.web;

import dev.ledger.events.EventType;
import dev.ledger.query.api.DebateQueries;
import dev.ledger.query.api.PastBeliefs;
import dev.ledger.query.api.PointInTime;
import dev.ledger.query.api.ReadYourWrites;
import dev.ledger.query.claim.ClaimDetailView;
import dev.ledger.query.claim.ClaimDetailView.ReasonNode;
import dev.ledger.query.claim.ClaimQueries;
import dev.ledger.query.influence.InfluenceQueries;
import dev.ledger.query.influence.InfluenceViews.RankedReason;
import dev.ledger.query.scoring.EngagementQueries;
import dev.ledger.query.scoring.ResolutionEntry;
import dev.ledger.query.scoring.ScoringQueries;
import dev.ledger.query.timeline.TimelineQueries;
import dev.ledger.query.timeline.TimelineView;
import dev.ledger.web.request.PageRequest;
import dev.ledger.web.request.RequestParams;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A claim's page: each participant's credence trajectory (a stepped chart, and the same data as a table), the spread
 * of credences, and the reasons as a tree. The whole page can be shown as it was at a moment ({@code ?asOf=}) or a
 * debate sequence ({@code ?atSequence=}); both come from the same queries as the API's time travel. Once the claim is
 * resolved (at the shown point): the resolution, everyone's scores and the reasons' credit; always the engagement.
 */
@Controller
class ClaimPage {

    private final ClaimQueries claims;
    private final DebateQueries debates;
    private final PastBeliefs pastBeliefs;
    private final InfluenceQueries influence;
    private final ReadYourWrites readYourWrites;
    private final WholeDebate wholeDebate;
    private final Trajectories trajectories;
    private final TimelineQueries timeline;
    private final ScoringQueries scoring;
    private final EngagementQueries engagement;

    ClaimPage(ClaimQueries claims, DebateQueries debates, PastBeliefs pastBeliefs, InfluenceQueries influence,
              ReadYourWrites readYourWrites, WholeDebate wholeDebate, Trajectories trajectories, TimelineQueries timeline,
              ScoringQueries scoring, EngagementQueries engagement) {
        this.scoring = scoring;
        this.engagement = engagement;
        this.timeline = timeline;
        this.claims = claims;
        this.debates = debates;
        this.pastBeliefs = pastBeliefs;
        this.influence = influence;
        this.readYourWrites = readYourWrites;
        this.wholeDebate = wholeDebate;
        this.trajectories = trajectories;
    }

    @GetMapping("/web/debates/{debateId}/claims/{claimId}")
    String claim(@PathVariable("debateId") String debateId, @PathVariable("claimId") String claimId,
                 @RequestParam(name = "asOf", required = false) String asOf,
                 @RequestParam(name = "atSequence", required = false) String atSequence,
                 @RequestParam(name = "minSequence", required = false) String minSequence,
                 Model model) {
        String id = RequestParams.uuid("debateId", debateId);
        String claim = RequestParams.opaqueId("claimId", claimId);
        PointInTime point = PointInTime.parse(blankToNull(asOf), blankToNull(atSequence));
        readYourWrites.awaitIfAsked(id, minSequence);
        long latest = debates.lastSequence(id);
        long sequence;
        if (point.atSequence() != null) {
            readYourWrites.awaitSequence(id, point.atSequence(), "atSequence");
            sequence = point.atSequence();
        } else if (point.asOf() != null) {
            sequence = pastBeliefs.sequenceAsOf(id, point.asOf());
        } else {
            sequence = latest;
        }

        ClaimDetailView first = null;
        List<ReasonTree.Flat> reasons = new ArrayList<>();
        Set<String> participants = new LinkedHashSet<>();
        Long after = 0L;
        for (int pages = 0; after != null && pages < WholeDebate.MAX_PAGES; pages++) {
            ClaimDetailView page = claims.claimAt(id, claim, sequence, new PageRequest(PageRequest.MAX_LIMIT, after));
            if (first == null) {
                first = page;
            }
            flatten(page.reasons(), reasons);
            page.trajectories().forEach(t -> participants.add(t.participantId()));
            after = page.nextAfter();
        }
        Map<String, Double> influenceByReason = new HashMap<>();
        for (RankedReason ranked : influence.ranking(id, sequence, claim, false, DebatePage.INFLUENCE_RANKED).reasons()) {
            influenceByReason.put(ranked.reason().reasonId(), ranked.influence().totalShift());
        }
        WholeDebate.Debate debate = wholeDebate.read(id);
        Map<String, ReasonTree.Flat> reasonsById = new HashMap<>();
        reasons.forEach(r -> reasonsById.put(r.reasonId(), r));
        Trajectories.Chart chart = trajectories.chart(id, claim, sequence, List.copyOf(participants), debate::displayName,
                reasonsById, point.asOf() != null ? point.asOf() : point.isNow() ? Instant.now() : eventTime(id, sequence));

        Viewer viewer = (Viewer) model.getAttribute("viewer");
        List<DebatePage.NamedCredence> credences = chart.series().stream()
                .filter(series -> !series.points().isEmpty())
                .map(series -> new DebatePage.NamedCredence(series.key(), series.label(),
                        series.points().get(series.points().size() - 1).credence()))
                .toList();
        model.addAttribute("credences", credences);
        model.addAttribute("myCredence", credences.stream().filter(c -> c.participantId().equals(viewer.handle()))
                .map(DebatePage.NamedCredence::credence).findFirst().orElse(null));
        model.addAttribute("debate", debate);
        model.addAttribute("claim", first);
        model.addAttribute("reasons", ReasonTree.of(reasons, influenceByReason));
        model.addAttribute("reasonList", reasons);
        model.addAttribute("chart", chart);
        model.addAttribute("chartJson", trajectories.json(chart));
        model.addAttribute("sequence", sequence);
        model.addAttribute("latest", latest);
        model.addAttribute("statedAt", statedAtSequence(id, claim, sequence));
        model.addAttribute("asOf", point.asOf());
        model.addAttribute("timeTravel", !point.isNow());
        model.addAttribute("complete", after == null);
        addOutcome(id, claim, sequence, model);
        // forms act on the debate as it is now: none while showing the past
        WebAccess access = WebAccess.of(debate, viewer);
        model.addAttribute("access", point.isNow() ? access : new WebAccess(access.signedIn(), access.role(), false, false, false));
        return "web/claim";
    }

    /**
     * The claim's resolution at the shown sequence with its scores and reasons' credit (when resolved then), and each
     * participant's engagement coverage; the same queries as the scoring API's, one full page each.
     */
    private void addOutcome(String debateId, String claimId, long sequence, Model model) {
        PageRequest all = new PageRequest(PageRequest.MAX_LIMIT, 0L);
        Optional<ResolutionEntry> resolution = scoring.resolution(debateId, claimId, sequence);
        model.addAttribute("resolution", resolution.orElse(null));
        model.addAttribute("scores", resolution.isPresent() ? scoring.claimScores(debateId, claimId, sequence, all) : null);
        model.addAttribute("credit", resolution.isPresent() ? scoring.reasonCredit(debateId, claimId, sequence, all) : null);
        model.addAttribute("engagement", engagement.claim(debateId, claimId, sequence, all));
    }

    /** When the event at {@code sequence} happened: where the chart of the claim as it was then ends. */
    private Instant eventTime(String debateId, long sequence) {
        TimelineView entry = timeline.page(debateId, new PageRequest(1, sequence - 1), new TimelineQueries.Filter(null, null, null));
        return entry.entries().isEmpty() ? null : entry.entries().get(0).at();
    }

    /** The sequence that stated the claim: the earliest point the as-of slider offers (before it, there is no claim). */
    private long statedAtSequence(String debateId, String claimId, long fallback) {
        TimelineView stated = timeline.page(debateId, new PageRequest(1, 0),
                new TimelineQueries.Filter(null, claimId, EventType.CLAIM_STATED.wireName()));
        return stated.entries().isEmpty() ? fallback : stated.entries().get(0).sequence();
    }

    /** The claim detail's reasons tree, flattened back to the order they were proposed (pages are rejoined later). */
    private static void flatten(List<ReasonNode> nodes, List<ReasonTree.Flat> into) {
        for (ReasonNode node : nodes) {
            into.add(new ReasonTree.Flat(node.reasonId(), node.stance(), node.text(), node.by(), node.inReplyTo(),
                    node.proposedAt(), node.acknowledgements()));
            flatten(node.replies(), into);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
