package org.dlioparquet.core.metrics;

/**
 * DLIO's accelerator utilisation and throughput of one block, with DLIO's two defects fixed
 * ({@code reference/dlio.md} §6.1, §9.3):
 *
 * <pre>
 * measured steps = [S, N - E)             S = exclude_start_steps, E = exclude_end_steps
 * T              = block wall time - proc time of the excluded steps
 * AU %           = 100 * sum(compute of measured steps) / T
 * samples/s      = (measured steps) * batch / T
 * </pre>
 *
 * DLIO counts {@code N - 2} steps whatever S and E are, which under-reports and goes negative for
 * one-step epochs. When S + E leaves no step to measure, every step is measured instead (the
 * result says so) rather than reporting nothing.
 *
 * @param au               accelerator utilisation, percent
 * @param samplesPerSecond training throughput of this block
 * @param measuredSteps    steps inside the measured window
 * @param measuredSeconds  T
 * @param exclusionsDropped true when there were too few steps to exclude any
 */
public record BlockMetrics(double au, double samplesPerSecond, int measuredSteps, double measuredSeconds,
                           boolean exclusionsDropped) {

    public static BlockMetrics training(StepTimes t, int excludeStart, int excludeEnd, int batchSize) {
        int n = t.steps();
        int from = excludeStart;
        int to = n - excludeEnd;
        boolean dropped = false;
        if (to - from < 1) {
            from = 0;
            to = n;
            dropped = n > 0 && (excludeStart > 0 || excludeEnd > 0);
        }
        double excluded = 0;
        for (int i = 0; i < from; i++) {
            excluded += t.proc(i);
        }
        for (int i = to; i < n; i++) {
            excluded += t.proc(i);
        }
        double window = t.duration() - excluded;
        double computeSum = 0;
        for (int i = from; i < to; i++) {
            computeSum += t.compute(i);
        }
        int measured = Math.max(0, to - from);
        double au = window > 0 ? Math.min(100.0, 100.0 * computeSum / window) : 0;
        double throughput = window > 0 ? measured * (double) batchSize / window : 0;
        return new BlockMetrics(au, throughput, measured, window, dropped);
    }

    /**
     * Evaluation as DLIO defines it: AU with the same exclusions, throughput over the whole block
     * without exclusions ({@code len(compute) / (t1 - t0) * batch_size_eval}).
     */
    public static BlockMetrics evaluation(StepTimes t, int excludeStart, int excludeEnd, int batchSize) {
        BlockMetrics au = training(t, excludeStart, excludeEnd, batchSize);
        double d = t.duration();
        double throughput = d > 0 ? t.steps() * (double) batchSize / d : 0;
        return new BlockMetrics(au.au(), throughput, t.steps(), d, au.exclusionsDropped());
    }
}
