package org.dlioparquet.cli.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * The plain sleep the compute emulator improves on: {@code LockSupport.parkNanos} for the same
 * duration; samples are overshoots in µs.
 */
final class ParkSleeps implements Baseline {
    private final double seconds;
    private final int steps;

    ParkSleeps(double seconds, int steps) {
        this.seconds = seconds;
        this.steps = steps;
    }

    @Override
    public RepMeasure rep() {
        long nanos = Math.round(seconds * 1e9);
        return SleepOvershoots.measure(seconds, steps, () -> {
            long deadline = System.nanoTime() + nanos;
            // parkNanos may return early (spurious wake-up); a plain sleep still waits the full time
            for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        });
    }
}
