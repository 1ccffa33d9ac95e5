package org.dlioparquet.core.metrics;

import java.util.List;

/** Mean and population standard deviation (DLIO uses {@code np.std}, ddof 0). */
public final class Stats {
    private Stats() {
    }

    public static double mean(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.size();
    }

    public static double populationStdev(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        double m = mean(values);
        double s = 0;
        for (double v : values) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / values.size());
    }
}
