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
 * bytes/s        = sum(bytes of the measured steps' batches) / T
 * </pre>
 *
 * Every rate of a block uses this one window, so that samples/s, DLIO's nominal MB/s and the
 * bytes actually read per second are comparable. DLIO counts {@code N - 2} steps whatever S and E
 * are, which under-reports and goes negative for one-step epochs. When S + E leaves no step to
 * measure, every step is measured instead (the result says so) rather than reporting nothing.
 *
 * @param au                    accelerator utilisation, percent
 * @param samplesPerSecond      training throughput of this block
 * @param storageBytesPerSecond bytes read from storage for the measured steps' batches, per second of T
 * @param payloadBytesPerSecond bytes of sample values the measured steps' batches delivered, per second of T
 * @param measuredSteps         steps inside the measured window
 * @param measuredSeconds       T
 * @param exclusionsDropped     true when there were too few steps to exclude any
 */
public record BlockMetrics(double au, double samplesPerSecond, double storageBytesPerSecond,
                           double payloadBytesPerSecond, int measuredSteps, double measuredSeconds,
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
        long storage = 0;
        long payload = 0;
        for (int i = from; i < to; i++) {
            computeSum += t.compute(i);
            storage += t.storageBytes(i);
            payload += t.payloadBytes(i);
        }
        int measured = Math.max(0, to - from);
        double au = window > 0 ? Math.min(100.0, 100.0 * computeSum / window) : 0;
        return new BlockMetrics(au, perSecond(measured * (double) batchSize, window), perSecond(storage, window),
                perSecond(payload, window), measured, window, dropped);
    }

    /**
     * Evaluation as DLIO defines it: AU with the same exclusions, throughput over the whole block
     * without exclusions ({@code len(compute) / (t1 - t0) * batch_size_eval}); byte rates over
     * that same whole block.
     */
    public static BlockMetrics evaluation(StepTimes t, int excludeStart, int excludeEnd, int batchSize) {
        BlockMetrics au = training(t, excludeStart, excludeEnd, batchSize);
        double d = t.duration();
        long storage = 0;
        long payload = 0;
        for (int i = 0; i < t.steps(); i++) {
            storage += t.storageBytes(i);
            payload += t.payloadBytes(i);
        }
        return new BlockMetrics(au.au(), perSecond(t.steps() * (double) batchSize, d), perSecond(storage, d),
                perSecond(payload, d), t.steps(), d, au.exclusionsDropped());
    }

    private static double perSecond(double amount, double seconds) {
        return seconds > 0 ? amount / seconds : 0;
    }
}
