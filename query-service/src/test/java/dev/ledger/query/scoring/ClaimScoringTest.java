package dev.ledger.query.scoring;

import dev.ledger.query.scoring.ClaimScoring.Credit;
import dev.ledger.query.scoring.ClaimScoring.ParticipantScore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.lang.Math.log;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Hand-computed scores: every expected number is written as the arithmetic that gives it, with its value in a
 * comment. T0 = the claim's statement, T1 = the resolution; times are seconds after T0.
 */
class ClaimScoringTest {

    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    private static final double EPSILON = 1e-9;

    static Instant t(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    static ViewStep view(long sequence, String participant, double seconds, double credence, String... reasons) {
        return new ViewStep(sequence, participant, t(seconds), credence, List.of(reasons));
    }

    static double log2(double x) {
        return log(x) / log(2);
    }

    /**
     * Open for 100 s, resolved true. alice: 0.8 from 0 s, 0.6 from 50 s (citing r2, r3). bob: 0.3 from 20 s (citing r2),
     * so he holds a view for 80 s only.
     */
    static final OpenPeriod HUNDRED_SECONDS_TRUE = new OpenPeriod(T0, t(100), true);
    static final List<ViewStep> ALICE_AND_BOB = List.of(
            view(1, "alice", 0, 0.8, "r1"),
            view(2, "bob", 20, 0.3, "r2"),
            view(3, "alice", 50, 0.6, "r2", "r3"));

    @Test
    void brierAndLogAverageOverTheTimeAViewWasHeld() {
        Map<String, ParticipantScore> scores = byParticipant(ClaimScoring.scores(HUNDRED_SECONDS_TRUE, ALICE_AND_BOB));

        ParticipantScore alice = scores.get("alice");
        assertThat(alice.heldFor()).isEqualTo(100.0);
        // 50 s at (0.8 - 1)^2 = 0.04, 50 s at (0.6 - 1)^2 = 0.16: (2 + 8) / 100 = 0.10
        assertThat(alice.brier()).isCloseTo((50 * 0.04 + 50 * 0.16) / 100, within(EPSILON)).isCloseTo(0.10, within(EPSILON));
        // (50 ln 0.8 + 50 ln 0.6) / 100 = (-0.223144 - 0.510826) / 2 = -0.366985
        assertThat(alice.log()).isCloseTo((50 * log(0.8) + 50 * log(0.6)) / 100, within(EPSILON))
                .isCloseTo(-0.366985, within(1e-6));

        ParticipantScore bob = scores.get("bob");
        assertThat(bob.heldFor()).isEqualTo(80.0);
        // 80 s at (0.3 - 1)^2 = 0.49 over the 80 s he held it
        assertThat(bob.brier()).isCloseTo(0.49, within(EPSILON));
        assertThat(bob.log()).isCloseTo(log(0.3), within(EPSILON)).isCloseTo(-1.203973, within(1e-6));
        assertThat(scores.keySet()).containsExactly("alice", "bob");
    }

    @Test
    void baselineAveragesOverTheWholeOpenPeriodWithTimeWithoutAViewAtZero() {
        Map<String, ParticipantScore> scores = byParticipant(ClaimScoring.scores(HUNDRED_SECONDS_TRUE, ALICE_AND_BOB));
        // alice: 50 s at 100 (log2 0.8 + 1) = 67.807191, 50 s at 100 (log2 0.6 + 1) = 26.303441: 47.055316
        assertThat(scores.get("alice").baseline())
                .isCloseTo((50 * 100 * (log2(0.8) + 1) + 50 * 100 * (log2(0.6) + 1)) / 100, within(EPSILON))
                .isCloseTo(47.055316, within(1e-6));
        // bob: 20 s without a view at 0, 80 s at 100 (log2 0.3 + 1) = -73.696559: -58.957248
        assertThat(scores.get("bob").baseline())
                .isCloseTo((20 * 0 + 80 * 100 * (log2(0.3) + 1)) / 100, within(EPSILON))
                .isCloseTo(-58.957248, within(1e-6));
    }

    @Test
    void peerComparesWithTheOthersHoldingAViewAtEachInstant() {
        Map<String, ParticipantScore> scores = byParticipant(ClaimScoring.scores(HUNDRED_SECONDS_TRUE, ALICE_AND_BOB));
        // 0-20 s: alice alone (0); 20-50 s: 100 ln(0.8 / 0.3) = 98.082925; 50-100 s: 100 ln(0.6 / 0.3) = 69.314718
        // alice: (20 x 0 + 30 x 98.082925 + 50 x 69.314718) / 100 = 64.082237; bob: 0 without a view, then the opposite
        double alice = (20 * 0 + 30 * 100 * log(0.8 / 0.3) + 50 * 100 * log(0.6 / 0.3)) / 100;
        assertThat(scores.get("alice").peer()).isCloseTo(alice, within(EPSILON)).isCloseTo(64.082237, within(1e-6));
        assertThat(scores.get("bob").peer()).isCloseTo(-alice, within(EPSILON));
    }

    @Test
    void peerUsesTheGeometricMeanOfTheOthers() {
        OpenPeriod period = new OpenPeriod(T0, t(10), false);
        List<ViewStep> views = List.of(view(1, "a", 0, 0.1), view(2, "b", 0, 0.6), view(3, "c", 0, 0.9));
        Map<String, ParticipantScore> scores = byParticipant(ClaimScoring.scores(period, views));
        // false: p_o = 0.9, 0.4, 0.1. a against the geometric mean of 0.4 and 0.1 (= 0.2): 100 ln(0.9 / 0.2) = 150.407740
        assertThat(scores.get("a").peer()).isCloseTo(100 * log(0.9 / Math.sqrt(0.4 * 0.1)), within(EPSILON))
                .isCloseTo(150.407740, within(1e-6));
        assertThat(scores.get("b").peer()).isCloseTo(100 * log(0.4 / Math.sqrt(0.9 * 0.1)), within(EPSILON));
        // everyone held a view all along: the peer scores add up to zero
        assertThat(scores.values().stream().mapToDouble(ParticipantScore::peer).sum()).isCloseTo(0, within(EPSILON));
    }

    @Test
    void credencesOfZeroAndOneAreClampedForTheLogScoresButNotForBrier() {
        OpenPeriod period = new OpenPeriod(T0, t(40), false);
        List<ViewStep> views = List.of(view(1, "sure-yes", 0, 1.0), view(2, "sure-no", 0, 0.0));
        Map<String, ParticipantScore> scores = byParticipant(ClaimScoring.scores(period, views));
        ParticipantScore wrong = scores.get("sure-yes");
        // credence 1 on what turned out false: p_o = 1 - 0.999 = 0.001, ln 0.001 = -6.907755; Brier (1 - 0)^2 = 1
        assertThat(wrong.log()).isCloseTo(log(0.001), within(EPSILON)).isCloseTo(-6.907755, within(1e-6));
        assertThat(wrong.brier()).isEqualTo(1.0);
        // 100 (log2 0.001 + 1) = -896.578428
        assertThat(wrong.baseline()).isCloseTo(100 * (log2(0.001) + 1), within(EPSILON)).isCloseTo(-896.578428, within(1e-6));
        ParticipantScore right = scores.get("sure-no");
        assertThat(right.log()).isCloseTo(log(0.999), within(EPSILON));
        assertThat(right.brier()).isEqualTo(0.0);
        // 100 ln(0.999 / 0.001) = 690.675478
        assertThat(right.peer()).isCloseTo(100 * log(0.999 / 0.001), within(EPSILON)).isCloseTo(690.675478, within(1e-6));
    }

    @Test
    void anAnnulledResolutionLeavesTheClaimOpenUntilItIsResolvedAgain() {
        List<ResolutionEntry> history = List.of(
                new ResolutionEntry(10, t(100), true, null, "owner"),
                new ResolutionEntry(12, t(120), null, "premature", "owner"),
                new ResolutionEntry(14, t(200), false, "settled", "owner"));
        assertThat(ResolutionEntry.inForce(history, 9)).isEmpty();
        assertThat(ResolutionEntry.inForce(history, 11)).map(ResolutionEntry::outcome).contains(true);
        assertThat(ResolutionEntry.inForce(history, 12)).isEmpty();
        assertThat(ResolutionEntry.inForce(history, 13)).isEmpty();
        Optional<ResolutionEntry> now = ResolutionEntry.inForce(history, 14);
        assertThat(now).map(ResolutionEntry::outcome).contains(false);

        // 0.8 from 0 s; after the annulment, 0.2 from 110 s (sequence 13); re-resolved false at 200 s
        OpenPeriod period = new OpenPeriod(T0, now.orElseThrow().at(), now.orElseThrow().outcome());
        List<ViewStep> views = List.of(view(1, "alice", 0, 0.8), view(13, "alice", 150, 0.2));
        ParticipantScore alice = ClaimScoring.scores(period, views).get(0);
        // false: 150 s at p_o 0.2, 50 s at p_o 0.8. Brier: (150 x 0.64 + 50 x 0.04) / 200 = 0.49
        assertThat(alice.brier()).isCloseTo((150 * 0.64 + 50 * 0.04) / 200, within(EPSILON)).isCloseTo(0.49, within(EPSILON));
        // log: (150 ln 0.2 + 50 ln 0.8) / 200 = -1.262864
        assertThat(alice.log()).isCloseTo((150 * log(0.2) + 50 * log(0.8)) / 200, within(EPSILON))
                .isCloseTo(-1.262864, within(1e-6));
        assertThat(alice.heldFor()).isEqualTo(200.0);
    }

    @Test
    void viewChangesAtOrAfterTheResolutionDoNotCount() {
        OpenPeriod period = new OpenPeriod(T0, t(10), true);
        List<ViewStep> views = List.of(view(1, "a", 0, 0.7), view(5, "a", 10, 0.1), view(6, "b", 12, 0.9));
        List<ParticipantScore> scores = ClaimScoring.scores(period, views);
        assertThat(scores).extracting(ParticipantScore::participantId).containsExactly("a");
        assertThat(scores.get(0).brier()).isCloseTo(0.09, within(EPSILON));
    }

    @Test
    void anEmptyOpenPeriodHasNoAverages() {
        OpenPeriod period = new OpenPeriod(T0, T0, true);
        assertThat(ClaimScoring.scores(period, List.of(view(1, "a", 0, 0.7)))).isEmpty();
        OpenPeriod tenSeconds = new OpenPeriod(T0, t(10), true);
        ParticipantScore never = ClaimScoring.scores(tenSeconds, List.of(view(1, "a", 0, 0.7))).get(0);
        assertThat(never.baseline()).isNotNull();
    }

    @Test
    void reasonCreditIsTheLogScoreGainOfEachChangeWeightedByHowLongItStood() {
        Credit credit = ClaimScoring.credit(HUNDRED_SECONDS_TRUE, ALICE_AND_BOB);
        // alice's first view, from the prior 0.5 to 0.8 at 0 s, stood 100 of 100 s: (ln 0.8 - ln 0.5) x 1 = 0.470004 to r1
        double first = (log(0.8) - log(0.5)) * 100 / 100;
        // bob's first view, 0.5 to 0.3 at 20 s, stood 80 s: (ln 0.3 - ln 0.5) x 0.8 = -0.408660 to r2
        double bob = (log(0.3) - log(0.5)) * 80 / 100;
        // alice 0.8 to 0.6 at 50 s, stood 50 s: (ln 0.6 - ln 0.8) x 0.5 = -0.143841, split between r2 and r3
        double down = (log(0.6) - log(0.8)) * 50 / 100;
        assertThat(credit.reasons().get("r1").credit()).isCloseTo(first, within(EPSILON)).isCloseTo(0.470004, within(1e-6));
        assertThat(credit.reasons().get("r2").credit()).isCloseTo(bob + down / 2, within(EPSILON))
                .isCloseTo(-0.480581, within(1e-6));
        assertThat(credit.reasons().get("r3").credit()).isCloseTo(down / 2, within(EPSILON));
        assertThat(credit.reasons().get("r2").moved()).containsExactlyInAnyOrder("alice", "bob");
        assertThat(credit.reasons().get("r1").moved()).containsExactly("alice");
        assertThat(credit.uncited()).isEqualTo(0.0);
        assertThat(credit.changes()).extracting(ClaimScoring.ChangeCredit::points).containsExactly(first, bob, down);
    }

    @Test
    void creditAndUncitedPointsAddUpToTheTotalLogScoreImprovement() {
        List<ViewStep> views = List.of(
                view(1, "alice", 0, 0.8, "r1"),
                view(2, "bob", 20, 0.3, "r2"),
                view(3, "carol", 30, 0.9),               // uncited
                view(4, "alice", 50, 0.6, "r2", "r3"),
                view(5, "carol", 70, 0.4, "r2"),
                view(6, "bob", 90, 0.95));               // uncited
        Credit credit = ClaimScoring.credit(HUNDRED_SECONDS_TRUE, views);
        // carol (ln 0.9 - ln 0.5) x 0.7 and bob (ln 0.95 - ln 0.3) x 0.1 go uncited
        assertThat(credit.uncited()).isCloseTo((log(0.9) - log(0.5)) * 0.7 + (log(0.95) - log(0.3)) * 0.1, within(EPSILON));
        // each participant's improvement: the time average over [T0, T1] of ln p_o - ln 0.5 (at the prior without a view)
        double alice = (50 * log(0.8) + 50 * log(0.6)) / 100 - log(0.5);
        double bob = (20 * log(0.5) + 70 * log(0.3) + 10 * log(0.95)) / 100 - log(0.5);
        double carol = (30 * log(0.5) + 40 * log(0.9) + 30 * log(0.4)) / 100 - log(0.5);
        assertThat(credit.total()).isCloseTo(alice + bob + carol, within(EPSILON));
        // which is each baseline score x ln 2 / 100
        double baselines = ClaimScoring.scores(HUNDRED_SECONDS_TRUE, views).stream()
                .mapToDouble(score -> score.baseline() * log(2) / 100).sum();
        assertThat(credit.total()).isCloseTo(baselines, within(EPSILON));
    }

    private static Map<String, ParticipantScore> byParticipant(List<ParticipantScore> scores) {
        return scores.stream().collect(Collectors.toMap(ParticipantScore::participantId, Function.identity(),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
