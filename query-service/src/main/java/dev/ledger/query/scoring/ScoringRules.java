package dev.ledger.query.scoring;

/**
 * The per-instant scoring rules; docs/scoring.md gives their sources. {@code p_o} is the credence given to what
 * happened: p when the claim turned out true, 1 - p when false.
 */
public final class ScoringRules {

    /** Log scores use credences clamped to [0.001, 0.999], so a confident miss costs ln(0.001), not minus infinity. */
    public static final double CLAMP_LOW = 0.001;
    public static final double CLAMP_HIGH = 0.999;
    /**
     * The credence a participant is taken to hold before their first view, for reason credit only: their first view
     * is a change from 0.5 (no opinion), so first views earn credit too.
     */
    public static final double PRIOR = 0.5;

    private ScoringRules() {
    }

    /** (p - o)^2, unclamped. */
    public static double brier(double credence, boolean outcome) {
        double o = outcome ? 1 : 0;
        return (credence - o) * (credence - o);
    }

    /** The clamped credence given to what happened. */
    public static double pOutcome(double credence, boolean outcome) {
        double clamped = Math.min(CLAMP_HIGH, Math.max(CLAMP_LOW, credence));
        return outcome ? clamped : 1 - clamped;
    }

    /** ln(p_o), clamped. */
    public static double log(double credence, boolean outcome) {
        return Math.log(pOutcome(credence, outcome));
    }

    /** 100 * (log2(p_o) + 1), clamped: 0 for 0.5, 100 for certainty in what happened. */
    public static double baseline(double credence, boolean outcome) {
        return 100 * (log(credence, outcome) / Math.log(2) + 1);
    }
}
