package dev.ledger.query.scoring;

import dev.ledger.query.scoring.ClaimScoring.Credit;
import dev.ledger.query.scoring.ClaimScoring.ParticipantScore;
import dev.ledger.query.scoring.Engagement.Act;
import dev.ledger.query.scoring.Engagement.ClaimReason;
import dev.ledger.query.scoring.Engagement.Kind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The worked example of docs/scoring.md, with its numbers (rounded to 6 decimals there, compared to 1e-6 here): ada,
 * ben and cleo on "The migration finishes before Friday", stated Monday 09:00 and resolved true Friday 09:00 (96 h).
 * The sequences are the order of the events in the example.
 */
class WorkedExampleTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final double SIX_DECIMALS = 1e-6;

    private static Instant hours(int hours) {
        return T0.plusSeconds(hours * 3600L);
    }

    // 1 claim stated (0 h), 2 ada 0.6 (0 h), 3 r1 for (1 h), 4 r2 against (20 h), 5 ben 0.3 citing r2 (24 h),
    // 6 ben notes r1 (31 h), 7 ada 0.9 citing r1 (48 h), 8 cleo 0.2 citing r2 (60 h), 9 r3 for (66 h),
    // 10 ben 0.7 citing r1 and r3 (72 h), 11 resolved true (96 h)
    private static final OpenPeriod PERIOD = new OpenPeriod(T0, hours(96), true);
    private static final List<ViewStep> VIEWS = List.of(
            new ViewStep(2, "ada", hours(0), 0.6, List.of()),
            new ViewStep(5, "ben", hours(24), 0.3, List.of("r2")),
            new ViewStep(7, "ada", hours(48), 0.9, List.of("r1")),
            new ViewStep(8, "cleo", hours(60), 0.2, List.of("r2")),
            new ViewStep(10, "ben", hours(72), 0.7, List.of("r1", "r3")));
    private static final List<ClaimReason> REASONS = List.of(
            new ClaimReason("r1", "for", 3), new ClaimReason("r2", "against", 4), new ClaimReason("r3", "for", 9));

    @Test
    void theScoresTable() {
        List<String> table = ClaimScoring.scores(PERIOD, VIEWS).stream().map(WorkedExampleTest::row).toList();
        // | participant | heldFor (s) | brier    | log       | baseline   | peer       |
        assertThat(table).containsExactly(
                "ada 345600 0.085000 -0.308093 55.551566 69.270541",
                "ben 259200 0.356667 -0.921540 -24.712609 -22.875396",
                "cleo 129600 0.640000 -1.609438 -49.572304 -46.395145");
    }

    @Test
    void theReasonCredit() {
        Credit credit = ClaimScoring.credit(PERIOD, VIEWS);
        assertThat(credit.reasons().get("r1").credit()).isCloseTo(0.308645, within(SIX_DECIMALS));
        assertThat(credit.reasons().get("r3").credit()).isCloseTo(0.105912, within(SIX_DECIMALS));
        assertThat(credit.reasons().get("r2").credit()).isCloseTo(-0.726728, within(SIX_DECIMALS));
        assertThat(credit.reasons().get("r1").moved()).containsExactlyInAnyOrder("ada", "ben");
        assertThat(credit.reasons().get("r3").moved()).containsExactly("ben");
        assertThat(credit.reasons().get("r2").moved()).containsExactlyInAnyOrder("ben", "cleo");
        assertThat(credit.uncited()).isCloseTo(0.182322, within(SIX_DECIMALS));
        assertThat(credit.total()).isCloseTo(-0.129850, within(SIX_DECIMALS))
                .isCloseTo((55.551566 - 24.712609 - 49.572304) * Math.log(2) / 100, within(SIX_DECIMALS));
        assertThat(credit.changes()).extracting(change -> Math.round(change.points() * 1e6) / 1e6)
                .containsExactly(0.182322, -0.383119, 0.202733, -0.343609, 0.211824);
    }

    @Test
    void bensEngagement() {
        List<Act> ben = List.of(new Act("r2", Kind.CITED, 5), new Act("r1", Kind.ACKNOWLEDGED, 6),
                new Act("r1", Kind.CITED, 10), new Act("r3", Kind.CITED, 10));
        // Tue 12:00 (+27 h, after sequence 5): 0.3, r1 opposes, not engaged
        assertThat(coverage(Engagement.at(5, 0.3, REASONS, ben))).isEqualTo("0/1 0.0");
        // Wed 09:00 (+48 h, sequence 7): r1 noted at +31 h
        assertThat(coverage(Engagement.at(7, 0.3, REASONS, ben))).isEqualTo("1/1 1.0");
        // Thu 06:00 (+69 h, sequence 9): r3 proposed
        assertThat(coverage(Engagement.at(9, 0.3, REASONS, ben))).isEqualTo("1/2 0.5");
        // just before his change at +72 h: 1 of 2
        assertThat(coverage(Engagement.at(10 - 1, 0.3, REASONS, ben))).isEqualTo("1/2 0.5");
        // right after it, what his history entry of that change carries: 0.7, r2 (against) opposes, cited in his first view
        assertThat(coverage(Engagement.at(10, 0.7, REASONS, ben))).isEqualTo("1/1 1.0");
        // at T1: ada 0.9 (r2 opposes, never engaged) 0 of 1, cleo 0.2 (r1 and r3 oppose; she cited r2 only) 0 of 2
        assertThat(coverage(Engagement.at(11, 0.9, REASONS, List.of(new Act("r1", Kind.CITED, 7))))).isEqualTo("0/1 0.0");
        assertThat(coverage(Engagement.at(11, 0.2, REASONS, List.of(new Act("r2", Kind.CITED, 8))))).isEqualTo("0/2 0.0");
    }

    private static String coverage(Engagement.Coverage coverage) {
        return coverage.engaged() + "/" + coverage.opposing().size() + " " + coverage.coverage();
    }

    private static String row(ParticipantScore score) {
        return String.format(java.util.Locale.ROOT, "%s %.0f %.6f %.6f %.6f %.6f", score.participantId(), score.heldFor(),
                score.brier(), score.log(), score.baseline(), score.peer());
    }
}
