package org.dlioparquet.cli.bench;

import java.util.Arrays;
import java.util.Collection;

/** The arithmetic of the report: medians, percentiles and ratios of repeated measurements. */
public final class SampleStats {
    private SampleStats() {
    }

    /** Median (mean of the middle two for an even count); NaN when there is nothing to take it of. */
    public static double median(Collection<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * Nearest-rank percentile: the smallest value with at least {@code p} percent of the values at
     * or below it (so the p99 of 100 values is the 99th smallest, not an interpolation).
     */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** {@code value / baseline}; NaN when either is missing or the baseline is not positive. */
    public static double ratio(double value, double baseline) {
        if (Double.isNaN(value) || Double.isNaN(baseline) || baseline <= 0) {
            return Double.NaN;
        }
        return value / baseline;
    }
}
