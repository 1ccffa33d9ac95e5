package org.dlioparquet.core.bench;

import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The plain sleep the compute emulator improves on: {@code LockSupport.parkNanos} for the same
 * duration; samples are overshoots in µs.
 */
final class ParkSleeps implements Baseline {
    private final long nanos;
    private final int steps;

    ParkSleeps(double seconds, int steps) {
        this.nanos = Math.round(seconds * 1e9);
        this.steps = steps;
    }

    @Override
    public RepMeasure rep() {
        double[] micros = new double[steps];
        for (int i = 0; i < steps; i++) {
            long start = System.nanoTime();
            long deadline = start + nanos;
            // parkNanos may return early (spurious wake-up); a plain sleep still waits the full time
            for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            micros[i] = (System.nanoTime() - start - nanos) / 1e3;
        }
        return new RepMeasure(Map.of("overshootUsMedian", SampleStats.median(micros)), micros);
    }
}
