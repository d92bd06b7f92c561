package dev.ledger.query.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores and reason credit of one resolved claim, computed exactly: every participant's credence is a step function
 * of time (a view holds from its change to the participant's next change), so each time average is a sum over the
 * steps of score x duration, divided by a duration. No sampling. docs/scoring.md states every formula.
 * <p>
 * View changes at or after the resolution are ignored (none can happen while a claim is resolved; a change made
 * while a resolution was annulled is before the re-resolution, and counts).
 */
public final class ClaimScoring {

    /**
     * One participant's scores. {@code brier} and {@code log} average over the time they held a view ({@code heldFor}
     * seconds, from their first view to the resolution; null when that time is zero); {@code baseline} and
     * {@code peer} average over the whole open period, time without a view scoring 0 (null when the period is empty).
     */
    public record ParticipantScore(String participantId, Double brier, Double log, Double baseline, Double peer,
                                   double heldFor) {
    }

    /** The log-score points one view change earns and the reasons they are split among (none: uncited). */
    public record ChangeCredit(ViewStep change, double points, List<String> reasons) {

        /** The points each cited reason gets from this change. */
        public double perReason() {
            return reasons.isEmpty() ? 0 : points / reasons.size();
        }
    }

    /** A reason's credit: the sum of its shares; {@code moved}: the participants whose changes gave it a nonzero share. */
    public record ReasonCredit(String reasonId, double credit, Set<String> moved) {
    }

    /**
     * The credit of a claim's view changes: per change, per reason (in the order first cited), and the points of
     * changes citing no reason ({@code uncited}).
     */
    public record Credit(List<ChangeCredit> changes, Map<String, ReasonCredit> reasons, double uncited) {

        /** Every point earned: the reasons' credit plus the uncited changes' points. */
        public double total() {
            return uncited + reasons.values().stream().mapToDouble(ReasonCredit::credit).sum();
        }
    }

    private ClaimScoring() {
    }

    /** One participant's running sums of score x seconds, and their credence at the cursor (null: no view yet). */
    private static final class Sums {
        double held;
        double brier;
        double log;
        double baseline;
        double peer;
        Double credence;
    }

    /** Each participant with a view before the resolution, in the order of their first view. */
    public static List<ParticipantScore> scores(OpenPeriod period, List<ViewStep> changes) {
        boolean outcome = period.outcome();
        Map<String, Sums> sums = new LinkedHashMap<>();
        Instant cursor = period.statedAt();
        for (ViewStep change : beforeResolution(period, changes)) {
            Instant at = max(change.at(), period.statedAt());
            accumulate(sums.values(), OpenPeriod.seconds(cursor, at), outcome);
            cursor = at;
            sums.computeIfAbsent(change.participantId(), id -> new Sums()).credence = change.credence();
        }
        accumulate(sums.values(), OpenPeriod.seconds(cursor, period.resolvedAt()), outcome);
        double open = period.seconds();
        List<ParticipantScore> scores = new ArrayList<>();
        sums.forEach((participantId, s) -> scores.add(new ParticipantScore(participantId,
                s.held > 0 ? s.brier / s.held : null, s.held > 0 ? s.log / s.held : null,
                open > 0 ? s.baseline / open : null, open > 0 ? s.peer / open : null, s.held)));
        return scores;
    }

    /**
     * Adds {@code seconds} at everyone's current credence (every participant in {@code all} has one): Brier, log and
     * baseline each on its own; peer against the mean ln(p_o) of the others (the log of their geometric mean), 0 when
     * nobody else holds a view.
     */
    private static void accumulate(Iterable<Sums> all, double seconds, boolean outcome) {
        if (seconds <= 0) {
            return;
        }
        int holders = 0;
        double sumLog = 0;
        for (Sums s : all) {
            holders++;
            sumLog += ScoringRules.log(s.credence, outcome);
        }
        for (Sums s : all) {
            double log = ScoringRules.log(s.credence, outcome);
            s.held += seconds;
            s.brier += ScoringRules.brier(s.credence, outcome) * seconds;
            s.log += log * seconds;
            s.baseline += ScoringRules.baseline(s.credence, outcome) * seconds;
            s.peer += holders < 2 ? 0 : 100 * (log - (sumLog - log) / (holders - 1)) * seconds;
        }
    }

    /**
     * Hanson's market scoring rule over time: a change from p to q earns (ln q_o - ln p_o) x (T1 - t) / (T1 - T0),
     * p being the participant's previous credence ({@link ScoringRules#PRIOR} before their first view), split equally
     * among the distinct reasons it cites. A participant's points add up to their time-averaged log score over the open
     * period, a time without a view counting at the prior, minus ln(0.5): their baseline score x ln 2 / 100.
     */
    public static Credit credit(OpenPeriod period, List<ViewStep> changes) {
        double open = period.seconds();
        Map<String, Double> previous = new LinkedHashMap<>();
        List<ChangeCredit> credited = new ArrayList<>();
        Map<String, Double> byReason = new LinkedHashMap<>();
        Map<String, Set<String>> moved = new LinkedHashMap<>();
        double uncited = 0;
        for (ViewStep change : beforeResolution(period, changes)) {
            double from = previous.getOrDefault(change.participantId(), ScoringRules.PRIOR);
            previous.put(change.participantId(), change.credence());
            double stood = OpenPeriod.seconds(max(change.at(), period.statedAt()), period.resolvedAt());
            double points = open > 0 ? (ScoringRules.log(change.credence(), period.outcome())
                    - ScoringRules.log(from, period.outcome())) * stood / open : 0;
            ChangeCredit credit = new ChangeCredit(change, points, change.becauseOf());
            credited.add(credit);
            if (change.becauseOf().isEmpty()) {
                uncited += points;
            }
            for (String reasonId : change.becauseOf()) {
                byReason.merge(reasonId, credit.perReason(), Double::sum);
                Set<String> who = moved.computeIfAbsent(reasonId, id -> new LinkedHashSet<>());
                if (points != 0) {
                    who.add(change.participantId());
                }
            }
        }
        Map<String, ReasonCredit> reasons = new LinkedHashMap<>();
        byReason.forEach((reasonId, sum) -> reasons.put(reasonId, new ReasonCredit(reasonId, sum, Set.copyOf(moved.get(reasonId)))));
        return new Credit(List.copyOf(credited), reasons, uncited);
    }

    private static List<ViewStep> beforeResolution(OpenPeriod period, List<ViewStep> changes) {
        return changes.stream()
                .filter(change -> change.at().isBefore(period.resolvedAt()))
                .sorted(Comparator.comparingLong(ViewStep::sequence))
                .toList();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
