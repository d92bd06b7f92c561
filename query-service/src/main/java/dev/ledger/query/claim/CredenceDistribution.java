package dev.ledger.query.claim;

import java.util.List;

/**
 * Summary of the current credences of everyone holding a view on a claim. {@code spread} is max - min,
 * {@code stddev} the population standard deviation, {@code agreeing} how many hold 0.5 or more. The statistics
 * are null when nobody holds a view.
 */
public record CredenceDistribution(int count, Double mean, Double median, Double spread, Double stddev, int agreeing) {

    static final double AGREEING_FROM = 0.5;

    public static CredenceDistribution of(List<Double> credences) {
        int count = credences.size();
        if (count == 0) {
            return new CredenceDistribution(0, null, null, null, null, 0);
        }
        double[] sorted = credences.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double mean = 0;
        for (double credence : sorted) {
            mean += credence;
        }
        mean /= count;
        double squaredDeviations = 0;
        int agreeing = 0;
        for (double credence : sorted) {
            squaredDeviations += (credence - mean) * (credence - mean);
            if (credence >= AGREEING_FROM) {
                agreeing++;
            }
        }
        double median = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
        return new CredenceDistribution(count, mean, median, sorted[count - 1] - sorted[0],
                Math.sqrt(squaredDeviations / count), agreeing);
    }
}
