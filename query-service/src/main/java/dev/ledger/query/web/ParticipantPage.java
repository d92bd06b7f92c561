package dev.ledger.query.web;

import dev.ledger.query.api.DebateQueries;
import dev.ledger.query.api.Views.BeliefsView;
import dev.ledger.query.api.Views.ClaimView;
import dev.ledger.query.api.Views.ReasonView;
import dev.ledger.query.influence.InfluenceQueries;
import dev.ledger.query.scoring.ScoringQueries;
import dev.ledger.web.request.PageRequest;
import dev.ledger.web.request.RequestParams;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A participant's page in a debate: what they believe now, how their credence moved on each claim (one chart, a
 * series per claim, and its table), the reasons that moved them most, and their scores over the resolved claims.
 */
@Controller
class ParticipantPage {

    static final int MOST_INFLUENTIAL = 10;

    private final DebateQueries debates;
    private final InfluenceQueries influence;
    private final WholeDebate wholeDebate;
    private final Trajectories trajectories;
    private final ScoringQueries scoring;

    ParticipantPage(DebateQueries debates, InfluenceQueries influence, WholeDebate wholeDebate, Trajectories trajectories,
                    ScoringQueries scoring) {
        this.scoring = scoring;
        this.debates = debates;
        this.influence = influence;
        this.wholeDebate = wholeDebate;
        this.trajectories = trajectories;
    }

    @GetMapping("/web/debates/{debateId}/participants/{participantId}")
    String participant(@PathVariable("debateId") String debateId, @PathVariable("participantId") String participantId,
                       Model model) {
        String id = RequestParams.uuid("debateId", debateId);
        String participant = RequestParams.participantId("participantId", participantId);
        BeliefsView beliefs = debates.beliefs(id, participant);
        WholeDebate.Debate debate = wholeDebate.read(id);
        Map<String, ReasonTree.Flat> reasons = new HashMap<>();
        for (ReasonView r : debate.reasons()) {
            reasons.put(r.reasonId(), new ReasonTree.Flat(r.reasonId(), r.stance(), r.text(), r.by(), r.inReplyTo(),
                    r.proposedAt(), r.acknowledgements()));
        }
        Map<String, String> statements = new HashMap<>();
        for (ClaimView claim : debate.claims()) {
            statements.put(claim.claimId(), claim.statement());
        }
        Trajectories.Chart chart = trajectories.byClaim(id, participant, beliefs.sequence(), statements, reasons, Instant.now());
        model.addAttribute("debate", debate);
        model.addAttribute("beliefs", beliefs);
        model.addAttribute("participant", debate.participant(participant).orElse(null));
        model.addAttribute("chart", chart);
        model.addAttribute("chartJson", trajectories.json(chart));
        model.addAttribute("influences", influence.participant(id, participant, beliefs.sequence(), null, MOST_INFLUENTIAL));
        model.addAttribute("claimStatements", statements);
        model.addAttribute("scores", scoring.debateScores(id, beliefs.sequence(), new PageRequest(PageRequest.MAX_LIMIT, 0L))
                .participants().stream().filter(s -> s.participantId().equals(participant)).findFirst().orElse(null));
        return "web/participant";
    }
}
