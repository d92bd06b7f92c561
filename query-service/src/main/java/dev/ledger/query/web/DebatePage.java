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
import dev.ledger.query.web.forms.CommandForwarding;
import dev.ledger.query.web.signin.SessionToken;
import dev.ledger.web.request.PageRequest;
import dev.ledger.web.request.RequestParams;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A debate's page: its claims with the spread of current credences and the reasons as a tree, its participants with
 * their roles, and its timeline a page at a time ({@code ?after=}, with links to the earlier and later pages). Read permission is DebateReadGuard's, as for the
 * API: a private debate is 404 to anyone who may not read it. It also shows the command-service's latest signed
 * checkpoint of the debate's history, and offers its owner and admins the verifiable bundle.
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
    private final CommandForwarding commands;

    DebatePage(WholeDebate wholeDebate, InfluenceQueries influence, TimelineQueries timeline, ReadYourWrites readYourWrites,
               CommandForwarding commands) {
        this.commands = commands;
        this.wholeDebate = wholeDebate;
        this.influence = influence;
        this.timeline = timeline;
        this.readYourWrites = readYourWrites;
    }

    /** A claim as the debate page lists it: everyone's credence now (with names), their spread, and its reasons. */
    public record ClaimSummary(ClaimView claim, List<NamedCredence> credences, CredenceDistribution distribution,
                        List<ReasonTree.Node> reasons) {
    }

    /** The command-service's signed checkpoint of the debate's history: its tree size, root hash and whole note. */
    public record Checkpoint(String treeSize, String rootHash, String note) {

        /** A C2SP checkpoint note: origin, tree size, base64 root hash, then a blank line and the signatures. */
        static Optional<Checkpoint> of(String note) {
            String[] lines = note.split("\n", -1);
            return lines.length < 3 ? Optional.empty() : Optional.of(new Checkpoint(lines[1], lines[2], note));
        }
    }

    public record NamedCredence(String participantId, String displayName, double credence) {
    }

    @GetMapping("/web/debates/{debateId}")
    String debate(@PathVariable("debateId") String debateId,
                  @RequestParam(name = "after", required = false) String after,
                  @RequestParam(name = "minSequence", required = false) String minSequence,
                  HttpServletRequest request, Model model) {
        String id = RequestParams.uuid("debateId", debateId);
        PageRequest timelinePage = PageRequest.of(String.valueOf(TIMELINE_PAGE), after);
        readYourWrites.awaitIfAsked(id, minSequence);
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
        model.addAttribute("timelineEarlier", timelinePage.after() > 0
                ? timeline.previousAfter(id, timelinePage.after(), TIMELINE_PAGE) : null);
        WebAccess access = WebAccess.of(debate, viewer);
        model.addAttribute("access", access);
        model.addAttribute("checkpoint", commands.checkpoint(SessionToken.of(request).orElse(null), id)
                .flatMap(Checkpoint::of).orElse(null));
        model.addAttribute("mayExport", "owner".equals(access.role()) || viewer.reader().admin());
        return "web/debate";
    }

    /**
     * The debate's verifiable bundle, streamed from the command-service's export as the signed-in account (it decides:
     * owner or admin); the read guard applies first, and its 403/404 show as this view's error page.
     */
    @GetMapping("/web/debates/{debateId}/export")
    void export(@PathVariable("debateId") String debateId, HttpServletRequest request, HttpServletResponse response) {
        String id = RequestParams.uuid("debateId", debateId);
        wholeDebate.read(id);
        commands.export(SessionToken.of(request).orElse(null), id, disposition -> {
            response.setContentType("application/zip");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                    disposition != null ? disposition : "attachment; filename=\"debate-" + id + ".zip\"");
        }, response::getOutputStream);
    }

    static List<ReasonTree.Flat> flat(List<ReasonView> reasons) {
        return reasons.stream()
                .map(r -> new ReasonTree.Flat(r.reasonId(), r.stance(), r.text(), r.by(), r.inReplyTo(), r.proposedAt(),
                        r.acknowledgements()))
                .toList();
    }
}
