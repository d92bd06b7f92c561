package dev.ledger.query.scoring;

import dev.ledger.query.api.HistoryCoverage;
import dev.ledger.query.api.PastBeliefs;
import dev.ledger.query.api.Views.CoverageView;
import dev.ledger.query.scoring.DebateFacts.ProposedReason;
import dev.ledger.query.scoring.ScoringViews.ClaimEngagementView;
import dev.ledger.query.scoring.ScoringViews.EngagementView;
import dev.ledger.query.scoring.ScoringViews.OpposingReasonView;
import dev.ledger.query.scoring.ScoringViews.ParticipantCoverage;
import dev.ledger.query.snapshot.SnapshotRead;
import dev.ledger.web.request.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Engagement coverage ({@link Engagement}) read from the projected reasons, acknowledgements and view changes. */
@Repository
@SnapshotRead
public class EngagementQueries implements HistoryCoverage {

    private final DebateFacts facts;
    private final PastBeliefs pastBeliefs;

    EngagementQueries(JdbcClient jdbc, PastBeliefs pastBeliefs) {
        this.facts = new DebateFacts(jdbc);
        this.pastBeliefs = pastBeliefs;
    }

    /** One participant on one claim, each opposing reason with how they engaged with it. */
    public EngagementView participant(String debateId, String participantId, String claimId, Long atSequence) {
        long sequence = pastBeliefs.sequenceAtOrNow(debateId, atSequence);
        pastBeliefs.displayNameAt(debateId, participantId, sequence);
        facts.claim(debateId, claimId, sequence);
        Map<String, ProposedReason> reasons = facts.reasons(debateId, Set.of(), List.of(claimId), sequence);
        Double credence = facts.credences(debateId, claimId, sequence).get(participantId);
        Engagement.Coverage coverage = Engagement.at(sequence, credence, claimReasons(reasons.values()),
                facts.acts(debateId, List.of(claimId), participantId, sequence).getOrDefault(participantId, List.of()));
        List<OpposingReasonView> opposing = coverage.opposing().stream().map(reason -> {
            ProposedReason proposed = reasons.get(reason.reasonId());
            List<String> kinds = reason.kinds().isEmpty() ? List.of("none")
                    : reason.kinds().stream().map(Engagement.Kind::wireName).toList();
            return new OpposingReasonView(reason.reasonId(), reason.stance(), proposed.text(), proposed.author(), kinds);
        }).toList();
        return new EngagementView(debateId, participantId, claimId, sequence, credence, opposing, coverage.engaged(),
                coverage.coverage());
    }

    /** Every participant who had joined by then, with their coverage on the claim. */
    public ClaimEngagementView claim(String debateId, String claimId, Long atSequence, PageRequest page) {
        long sequence = pastBeliefs.sequenceAtOrNow(debateId, atSequence);
        facts.claim(debateId, claimId, sequence);
        List<Engagement.ClaimReason> reasons = claimReasons(facts.reasons(debateId, Set.of(), List.of(claimId), sequence).values());
        Map<String, Double> credences = facts.credences(debateId, claimId, sequence);
        Map<String, List<Engagement.Act>> acts = facts.acts(debateId, List.of(claimId), null, sequence);
        PageRequest.Page<String> shown = page.pageByPlace(ScoringQueries.fetched(facts.participants(debateId, sequence), page));
        List<ParticipantCoverage> participants = shown.items().stream().map(participantId -> {
            Engagement.Coverage coverage = Engagement.at(sequence, credences.get(participantId), reasons,
                    acts.getOrDefault(participantId, List.of()));
            return new ParticipantCoverage(participantId, coverage.credence(), coverage.opposing().size(), coverage.engaged(),
                    coverage.coverage());
        }).toList();
        return new ClaimEngagementView(debateId, claimId, sequence, participants, shown.nextAfter());
    }

    @Override
    public Map<Long, CoverageView> atChanges(String debateId, String participantId, List<Change> changes) {
        Map<Long, CoverageView> coverage = new HashMap<>();
        if (changes.isEmpty()) {
            return coverage;
        }
        long last = changes.stream().mapToLong(Change::sequence).max().orElseThrow();
        Set<String> claims = changes.stream().map(Change::claimId).collect(Collectors.toSet());
        Map<String, List<Engagement.ClaimReason>> reasonsByClaim = new HashMap<>();
        facts.reasons(debateId, Set.of(), claims, last).values().forEach(reason -> reasonsByClaim
                .computeIfAbsent(reason.claimId(), id -> new ArrayList<>())
                .add(new Engagement.ClaimReason(reason.reasonId(), reason.stance(), reason.sequence())));
        List<Engagement.Act> acts = facts.acts(debateId, claims, participantId, last).getOrDefault(participantId, List.of());
        for (Change change : changes) {
            Engagement.Coverage at = Engagement.at(change.sequence(), change.credence(),
                    reasonsByClaim.getOrDefault(change.claimId(), List.of()), acts);
            coverage.put(change.sequence(), new CoverageView(at.opposing().size(), at.engaged(), at.coverage()));
        }
        return coverage;
    }

    private static List<Engagement.ClaimReason> claimReasons(Collection<ProposedReason> reasons) {
        return reasons.stream().map(r -> new Engagement.ClaimReason(r.reasonId(), r.stance(), r.sequence())).toList();
    }
}
