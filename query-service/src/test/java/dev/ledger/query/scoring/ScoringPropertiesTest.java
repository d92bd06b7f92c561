package dev.ledger.query.scoring;

import dev.ledger.query.scoring.ClaimScoring.ParticipantScore;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Properties of the scores over generated credence histories of one claim. */
class ScoringPropertiesTest {

    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    /** A view at a second of the open period; the participant is one of p0..p4. */
    record Change(int participant, int second, double credence) {
    }

    @Provide
    Arbitrary<List<Change>> histories() {
        Arbitrary<Change> change = Combinators.combine(Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 10_000),
                        Arbitraries.oneOf(Arbitraries.doubles().between(0, 1), Arbitraries.of(0.0, 0.5, 1.0)))
                .as(Change::new);
        return change.list().ofMaxSize(30);
    }

    @Property(tries = 300)
    void holdingTheTruthFromTheStatementNeverScoresWorse(@ForAll("histories") List<Change> others, @ForAll boolean outcome,
                                                         @ForAll @IntRange(min = 1, max = 10_001) int open) {
        OpenPeriod period = new OpenPeriod(T0, T0.plusSeconds(open), outcome);
        List<ViewStep> views = new ArrayList<>();
        views.add(new ViewStep(1, "truth", T0, outcome ? 1.0 : 0.0, List.of()));
        views.addAll(steps(others, 2));
        List<ParticipantScore> scores = ClaimScoring.scores(period, views);
        ParticipantScore truth = scores.stream().filter(s -> s.participantId().equals("truth")).findFirst().orElseThrow();
        assertThat(truth.brier()).isEqualTo(0.0);
        // credence 1 (or 0) toward the outcome is clamped to 0.999: the best log score there is
        assertThat(truth.log()).isCloseTo(Math.log(0.999), within(1e-12));
        for (ParticipantScore other : scores) {
            // sums of the same products in another order may differ in the last bits
            assertThat(truth.brier()).isLessThanOrEqualTo(other.brier());
            assertThat(truth.log()).isGreaterThanOrEqualTo(other.log() - 1e-12);
            assertThat(truth.baseline()).isGreaterThanOrEqualTo(other.baseline() - 1e-9);
            assertThat(truth.peer()).isGreaterThanOrEqualTo(other.peer() - 1e-9);
        }
    }

    @Property(tries = 300)
    void creditAndUncitedPointsAddUpToEveryonesImprovementOverThePrior(@ForAll("histories") List<Change> changes,
                                                                       @ForAll boolean outcome,
                                                                       @ForAll @IntRange(min = 1, max = 10_001) int open) {
        OpenPeriod period = new OpenPeriod(T0, T0.plusSeconds(open), outcome);
        List<ViewStep> views = steps(changes, 1);
        double improvement = ClaimScoring.scores(period, views).stream()
                .mapToDouble(score -> score.baseline() * Math.log(2) / 100).sum();
        assertThat(ClaimScoring.credit(period, views).total()).isCloseTo(improvement, within(1e-9));
    }

    /** The changes in time order as view steps, each citing one of three reasons or none by its position. */
    private static List<ViewStep> steps(List<Change> changes, long firstSequence) {
        List<Change> inTime = changes.stream().sorted(Comparator.comparingInt(Change::second)).toList();
        List<ViewStep> steps = new ArrayList<>();
        for (Change change : inTime) {
            long sequence = firstSequence + steps.size();
            List<String> cites = switch ((int) (sequence % 4)) {
                case 0 -> List.of();
                case 1 -> List.of("r1");
                case 2 -> List.of("r1", "r2");
                default -> List.of("r3");
            };
            steps.add(new ViewStep(sequence, "p" + change.participant(), T0.plusSeconds(change.second()), change.credence(), cites));
        }
        return steps;
    }
}
