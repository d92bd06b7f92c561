package dev.ledger.query.scoring;

import dev.ledger.query.access.DebateAccess;
import dev.ledger.web.security.Reader;
import dev.ledger.query.api.PastBeliefs;
import dev.ledger.query.participant.JoinedDebates;
import dev.ledger.query.participant.JoinedDebates.Joined;
import dev.ledger.query.scoring.ClaimScoring.ChangeCredit;
import dev.ledger.query.scoring.ClaimScoring.Credit;
import dev.ledger.query.scoring.ClaimScoring.ParticipantScore;
import dev.ledger.query.problem.ClaimNotResolvedException;
import dev.ledger.query.scoring.DebateFacts.ProposedReason;
import dev.ledger.query.scoring.DebateFacts.StatedClaim;
import dev.ledger.query.scoring.ScoringViews.ClaimScoresView;
import dev.ledger.query.scoring.ScoringViews.CreditedReason;
import dev.ledger.query.scoring.ScoringViews.DebateScoreSummary;
import dev.ledger.query.scoring.ScoringViews.DebateScoresView;
import dev.ledger.query.scoring.ScoringViews.ParticipantScoreView;
import dev.ledger.query.scoring.ScoringViews.ParticipantScoresView;
import dev.ledger.query.scoring.ScoringViews.ReasonCreditView;
import dev.ledger.query.scoring.ScoringViews.ScoreSummary;
import dev.ledger.query.snapshot.SnapshotRead;
import dev.ledger.web.request.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * Scores and reason credit of resolved claims, computed on read from the projected view history and resolution
 * history as of a debate sequence ({@code null}: the projection's last applied sequence), in one REPEATABLE READ
 * snapshot.
 */
@Repository
@SnapshotRead
public class ScoringQueries {

    private final DebateFacts facts;
    private final PastBeliefs pastBeliefs;
    private final JoinedDebates joinedDebates;

    ScoringQueries(JdbcClient jdbc, PastBeliefs pastBeliefs, JoinedDebates joinedDebates) {
        this.facts = new DebateFacts(jdbc);
        this.pastBeliefs = pastBeliefs;
        this.joinedDebates = joinedDebates;
    }

    /** A claim resolved at a sequence: its open period and the view changes on it. */
    private record Resolved(StatedClaim claim, ResolutionEntry resolution, OpenPeriod period, List<ViewStep> changes) {
    }

    public ClaimScoresView claimScores(String debateId, String claimId, Long atSequence, PageRequest page) {
        long sequence = pastBeliefs.sequenceAtOrNow(debateId, atSequence);
        Resolved resolved = resolvedClaim(debateId, claimId, sequence);
        List<ParticipantScoreView> all = ClaimScoring.scores(resolved.period(), resolved.changes()).stream()
                .map(s -> new ParticipantScoreView(s.participantId(), s.brier(), s.log(), s.baseline(), s.peer(), s.heldFor()))
                .toList();
        PageRequest.Page<ParticipantScoreView> shown = page.pageByPlace(fetched(all, page));
        return new ClaimScoresView(debateId, claimId, sequence, resolved.period().outcome(), resolved.claim().statedAt(),
                resolved.period().resolvedAt(), shown.items(), shown.nextAfter());
    }

    public DebateScoresView debateScores(String debateId, Long atSequence, PageRequest page) {
        long sequence = pastBeliefs.sequenceAtOrNow(debateId, atSequence);
        List<Resolved> resolved = resolvedClaims(debateId, sequence);
        List<ScoreSummary> all = summaries(resolved);
        PageRequest.Page<ScoreSummary> shown = page.pageByPlace(fetched(all, page));
        return new DebateScoresView(debateId, sequence, resolved.size(), shown.items(), shown.nextAfter());
    }

    /**
     * The participant's averages in each debate they joined that the reader may read (the rule of
     * {@link DebateAccess#READABLE_DEBATE}), a page of debates at a time; 404 naming participantId when there is none.
     */
    public ParticipantScoresView participantScores(String participantId, Reader reader, PageRequest page) {
        PageRequest.Page<Joined> joined = joinedDebates.page(participantId, reader, page);
        List<DebateScoreSummary> debates = new ArrayList<>();
        for (Joined debate : joined.items()) {
            ScoreSummary mine = summaries(resolvedClaims(debate.debateId(), debate.sequence())).stream()
                    .filter(summary -> summary.participantId().equals(participantId))
                    .findFirst()
                    .orElse(new ScoreSummary(participantId, 0, null, null, null, null));
            debates.add(new DebateScoreSummary(debate.debateId(), debate.title(), debate.sequence(), mine.claims(),
                    mine.brier(), mine.log(), mine.baseline(), mine.peer()));
        }
        return new ParticipantScoresView(participantId, debates, joined.nextAfter());
    }

    public ReasonCreditView reasonCredit(String debateId, String claimId, Long atSequence, PageRequest page) {
        long sequence = pastBeliefs.sequenceAtOrNow(debateId, atSequence);
        Resolved resolved = resolvedClaim(debateId, claimId, sequence);
        Credit credit = ClaimScoring.credit(resolved.period(), resolved.changes());
        Map<String, ProposedReason> reasons = facts.reasons(debateId, credit.reasons().keySet(), List.of(claimId), sequence);
        Map<String, ClaimScoring.ReasonCredit> byReason = new LinkedHashMap<>(credit.reasons());
        record Ranked(ProposedReason reason, String reasonId, double credit, List<String> moved) {
        }
        List<Ranked> ranked = new ArrayList<>();
        for (String reasonId : Stream.concat(reasons.keySet().stream(), byReason.keySet().stream()).distinct().toList()) {
            ClaimScoring.ReasonCredit earned = byReason.get(reasonId);
            ranked.add(new Ranked(reasons.get(reasonId), reasonId, earned == null ? 0 : earned.credit(),
                    earned == null ? List.of() : earned.moved().stream().sorted().toList()));
        }
        ranked.sort(Comparator.comparingDouble(Ranked::credit).reversed()
                .thenComparingLong(r -> r.reason() == null ? Long.MAX_VALUE : r.reason().sequence()));
        List<CreditedReason> all = new ArrayList<>();
        for (Ranked r : ranked) {
            ProposedReason reason = r.reason();
            all.add(new CreditedReason(all.size() + 1, r.reasonId(), reason == null ? null : reason.claimId(),
                    reason == null ? null : reason.text(), reason == null ? null : reason.stance(),
                    reason == null ? null : reason.author(), r.credit(), r.moved()));
        }
        PageRequest.Page<CreditedReason> shown = page.pageByPlace(fetched(all, page));
        return new ReasonCreditView(debateId, claimId, sequence, resolved.period().outcome(), resolved.period().resolvedAt(),
                credit.uncited(), shown.items(), shown.nextAfter());
    }

    /** The claim's resolution in force at {@code sequence} (outcome, note, who, when), if it is resolved then. */
    public Optional<ResolutionEntry> resolution(String debateId, String claimId, long sequence) {
        return facts.resolutions(debateId, claimId, sequence).values().stream()
                .findFirst()
                .flatMap(history -> ResolutionEntry.inForce(history, sequence));
    }

    /**
     * The credit each view change earned, by its sequence, for the changes on claims resolved at {@code sequence}
     * (changes on other claims are absent).
     */
    public Map<Long, ChangeCredit> changeCredits(String debateId, long sequence) {
        Map<Long, ChangeCredit> credits = new HashMap<>();
        for (Resolved resolved : resolvedClaims(debateId, sequence)) {
            for (ChangeCredit change : ClaimScoring.credit(resolved.period(), resolved.changes()).changes()) {
                credits.put(change.change().sequence(), change);
            }
        }
        return credits;
    }

    private Resolved resolvedClaim(String debateId, String claimId, long sequence) {
        StatedClaim claim = facts.claim(debateId, claimId, sequence);
        List<ResolutionEntry> history = facts.resolutions(debateId, claimId, sequence).getOrDefault(claim, List.of());
        ResolutionEntry resolution = ResolutionEntry.inForce(history, sequence)
                .orElseThrow(() -> new ClaimNotResolvedException(claimId, sequence));
        List<ViewStep> changes = facts.viewSteps(debateId, List.of(claimId), sequence).getOrDefault(claimId, List.of());
        return new Resolved(claim, resolution, period(claim, resolution), changes);
    }

    private List<Resolved> resolvedClaims(String debateId, long sequence) {
        Map<StatedClaim, ResolutionEntry> inForce = new LinkedHashMap<>();
        facts.resolutions(debateId, null, sequence).forEach((claim, history) ->
                ResolutionEntry.inForce(history, sequence).ifPresent(resolution -> inForce.put(claim, resolution)));
        Map<String, List<ViewStep>> changes = facts.viewSteps(debateId,
                inForce.keySet().stream().map(StatedClaim::claimId).toList(), sequence);
        List<Resolved> resolved = new ArrayList<>();
        inForce.forEach((claim, resolution) -> resolved.add(new Resolved(claim, resolution, period(claim, resolution),
                changes.getOrDefault(claim.claimId(), List.of()))));
        return resolved;
    }

    private static OpenPeriod period(StatedClaim claim, ResolutionEntry resolution) {
        return new OpenPeriod(claim.statedAt(), resolution.at(), resolution.outcome());
    }

    /** Each participant's averages over the resolved claims they held a view on, in the order of their first score. */
    private static List<ScoreSummary> summaries(List<Resolved> resolved) {
        Map<String, List<ParticipantScore>> byParticipant = new LinkedHashMap<>();
        for (Resolved claim : resolved) {
            for (ParticipantScore score : ClaimScoring.scores(claim.period(), claim.changes())) {
                byParticipant.computeIfAbsent(score.participantId(), id -> new ArrayList<>()).add(score);
            }
        }
        List<ScoreSummary> summaries = new ArrayList<>();
        byParticipant.forEach((participantId, scores) -> summaries.add(new ScoreSummary(participantId, scores.size(),
                mean(scores.stream().map(ParticipantScore::brier)), mean(scores.stream().map(ParticipantScore::log)),
                mean(scores.stream().map(ParticipantScore::baseline)), mean(scores.stream().map(ParticipantScore::peer)))));
        return summaries;
    }

    private static Double mean(Stream<Double> values) {
        OptionalDouble mean = values.filter(Objects::nonNull).mapToDouble(Double::doubleValue).average();
        return mean.isPresent() ? mean.getAsDouble() : null;
    }

    /** The part of a computed list a page may show: from its {@code after}-th item, {@code fetch} items at most. */
    static <T> List<T> fetched(List<T> all, PageRequest page) {
        int from = (int) Math.min(all.size(), page.after());
        return all.subList(from, (int) Math.min(all.size(), (long) from + page.fetch()));
    }
}
