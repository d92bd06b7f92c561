package dev.ledger.query.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Engagement coverage of a participant on a claim at a moment (a debate sequence): the reasons on the other side of
 * their view then, and which of them they had engaged with by then. Opposing: stance {@code against} while their
 * credence is above 0.5, {@code for} while below; none at exactly 0.5 or without a view. Coverage = engaged /
 * opposing, null when nothing opposes.
 */
public final class Engagement {

    /** The ways to engage with a reason. */
    public enum Kind {
        /** noted or conceded it */
        ACKNOWLEDGED,
        /** proposed a reason in reply to it */
        REPLIED,
        /** cited it in a view change */
        CITED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A reason on the claim; {@code stance} is {@code for} or {@code against}. */
    public record ClaimReason(String reasonId, String stance, long sequence) {
    }

    /** The participant engaging with a reason at a sequence. */
    public record Act(String reasonId, Kind kind, long sequence) {
    }

    /** An opposing reason and how the participant had engaged with it, in {@link Kind} order (empty: not at all). */
    public record Opposing(String reasonId, String stance, List<Kind> kinds) {
    }

    /** The participant's credence at the moment (null: no view), the opposing reasons and the coverage. */
    public record Coverage(Double credence, List<Opposing> opposing, int engaged, Double coverage) {
    }

    private Engagement() {
    }

    /** The stance that opposes a credence; null at exactly 0.5 or without a view. */
    public static String opposingStance(Double credence) {
        if (credence == null || credence == 0.5) {
            return null;
        }
        return credence > 0.5 ? "against" : "for";
    }

    /**
     * Coverage right after the event of {@code sequence}: reasons and acts with a later sequence do not count yet.
     *
     * @param credence the participant's credence on the claim at that moment, null without a view
     * @param reasons  the claim's reasons, any order
     * @param acts     the participant's engagements with reasons, any order
     */
    public static Coverage at(long sequence, Double credence, List<ClaimReason> reasons, List<Act> acts) {
        String stance = opposingStance(credence);
        List<Opposing> opposing = new ArrayList<>();
        int engaged = 0;
        if (stance != null) {
            for (ClaimReason reason : reasons.stream().sorted(Comparator.comparingLong(ClaimReason::sequence)).toList()) {
                if (reason.sequence() > sequence || !reason.stance().equals(stance)) {
                    continue;
                }
                Set<Kind> kinds = EnumSet.noneOf(Kind.class);
                for (Act act : acts) {
                    if (act.sequence() <= sequence && act.reasonId().equals(reason.reasonId())) {
                        kinds.add(act.kind());
                    }
                }
                if (!kinds.isEmpty()) {
                    engaged++;
                }
                opposing.add(new Opposing(reason.reasonId(), reason.stance(), List.copyOf(kinds)));
            }
        }
        return new Coverage(credence, List.copyOf(opposing), engaged,
                opposing.isEmpty() ? null : (double) engaged / opposing.size());
    }
}
