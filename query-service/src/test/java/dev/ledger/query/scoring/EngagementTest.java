package dev.ledger.query.scoring;

import dev.ledger.query.scoring.Engagement.Act;
import dev.ledger.query.scoring.Engagement.ClaimReason;
import dev.ledger.query.scoring.Engagement.Coverage;
import dev.ledger.query.scoring.Engagement.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Alice's coverage on one claim at several moments (debate sequences) of a scripted debate. */
class EngagementTest {

    // r1 for (5), r2 against (6), r3 against (8), r4 for (12)
    private static final List<ClaimReason> REASONS = List.of(
            new ClaimReason("r1", "for", 5), new ClaimReason("r2", "against", 6),
            new ClaimReason("r3", "against", 8), new ClaimReason("r4", "for", 12));
    // alice notes r2 at 9, replies to r3 at 11, cites r2 and r1 in her view change at 13, replies to r4 at 14
    private static final List<Act> ALICE = List.of(
            new Act("r2", Kind.ACKNOWLEDGED, 9), new Act("r3", Kind.REPLIED, 11),
            new Act("r2", Kind.CITED, 13), new Act("r1", Kind.CITED, 13), new Act("r4", Kind.REPLIED, 14));

    @Test
    void coverageFollowsTheViewAndTheEngagementsUpToEachMoment() {
        // 7: alice at 0.7, so against reasons oppose her: r2, not engaged: 0 of 1
        assertThat(line(Engagement.at(7, 0.7, REASONS, ALICE))).isEqualTo("0.7 r2[] 0/1 0.0");
        // 8: r3 proposed: 0 of 2
        assertThat(line(Engagement.at(8, 0.7, REASONS, ALICE))).isEqualTo("0.7 r2[] r3[] 0/2 0.0");
        // 9: she noted r2: 1 of 2
        assertThat(line(Engagement.at(9, 0.7, REASONS, ALICE))).isEqualTo("0.7 r2[acknowledged] r3[] 1/2 0.5");
        // 10: she moved to exactly 0.5: nothing opposes her, coverage null
        assertThat(line(Engagement.at(10, 0.5, REASONS, ALICE))).isEqualTo("0.5 0/0 null");
        // 11 at 0.7 again (a counterfactual moment): both against reasons engaged
        assertThat(line(Engagement.at(11, 0.7, REASONS, ALICE))).isEqualTo("0.7 r2[acknowledged] r3[replied] 2/2 1.0");
        // 13: she moved to 0.3 citing r2 and r1: the for reasons r1 (cited) and r4 (not yet) oppose her
        assertThat(line(Engagement.at(13, 0.3, REASONS, ALICE))).isEqualTo("0.3 r1[cited] r4[] 1/2 0.5");
        // 14: she replied to r4
        assertThat(line(Engagement.at(14, 0.3, REASONS, ALICE))).isEqualTo("0.3 r1[cited] r4[replied] 2/2 1.0");
        // several kinds on one reason, in kind order
        assertThat(line(Engagement.at(14, 0.9, REASONS, ALICE))).isEqualTo("0.9 r2[acknowledged, cited] r3[replied] 2/2 1.0");
        // without a view nothing opposes
        assertThat(line(Engagement.at(14, null, REASONS, ALICE))).isEqualTo("null 0/0 null");
    }

    @Test
    void theOpposingStanceDependsOnWhichSideOfOneHalfTheCredenceIs() {
        assertThat(Engagement.opposingStance(0.51)).isEqualTo("against");
        assertThat(Engagement.opposingStance(0.49)).isEqualTo("for");
        assertThat(Engagement.opposingStance(0.5)).isNull();
        assertThat(Engagement.opposingStance(null)).isNull();
    }

    private static String line(Coverage coverage) {
        StringBuilder line = new StringBuilder(String.valueOf(coverage.credence()));
        for (Engagement.Opposing reason : coverage.opposing()) {
            line.append(' ').append(reason.reasonId())
                    .append(reason.kinds().stream().map(Kind::wireName).toList());
        }
        return line.append(' ').append(coverage.engaged()).append('/').append(coverage.opposing().size())
                .append(' ').append(coverage.coverage()).toString();
    }
}
