package dev.ledger.bench.report;

/**
 * One measured figure. {@code limit} is what the same machine does without the ledger in the way (or the
 * baseline it is compared with), measured in the same run; {@code ratio} is value / limit. {@code value} is
 * null when the figure could not be measured, and {@code note} then says why.
 *
 * @param target human-readable target, e.g. "&gt;= 1000 commands/s and ratio &gt;= 0.5" (null when none)
 * @param met    whether the target was met (null without a target or a value)
 * @param bound  when a target is missed: what bounds it, with the evidence measured in the run
 */
public record Figure(String name, String description, Double value, String unit, Double limit, String limitDescription,
                     Double ratio, String target, Boolean met, String note, String bound) {

    public static Figure of(String name, String description, double value, String unit) {
        return new Figure(name, description, finite(value), unit, null, null, null, null, null, null, null);
    }

    public static Figure notMeasured(String name, String description, String unit, String why) {
        return new Figure(name, description, null, unit, null, null, null, null, null, "not measured: " + why, null);
    }

    public Figure withLimit(double limitValue, String whatTheLimitIs) {
        Double l = finite(limitValue);
        Double r = value == null || l == null || l == 0 ? null : value / l;
        return new Figure(name, description, value, unit, l, whatTheLimitIs, r, target, met, note, bound);
    }

    public Figure withTarget(String targetText, Boolean targetMet) {
        return new Figure(name, description, value, unit, limit, limitDescription, ratio, targetText,
                value == null ? null : targetMet, note, bound);
    }

    public Figure withNote(String text) {
        String joined = note == null ? text : note + " " + text;
        return new Figure(name, description, value, unit, limit, limitDescription, ratio, target, met, joined, bound);
    }

    public Figure withBound(String evidence) {
        return new Figure(name, description, value, unit, limit, limitDescription, ratio, target, met, note, evidence);
    }

    public static Double finite(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }
}
