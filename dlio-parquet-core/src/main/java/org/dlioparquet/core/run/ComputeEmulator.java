package org.dlioparquet.core.run;

import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;
import org.dlioparquet.core.config.TimeDistribution;

/**
 * The emulated accelerator: sleeps a drawn duration precisely. {@code parkNanos} alone overshoots
 * by tens of microseconds to milliseconds; parking until shortly before the deadline and spinning
 * the rest keeps the overshoot in the microseconds (the benchmark reports it) while burning at most
 * {@link #SPIN_NANOS} of CPU per step.
 */
final class ComputeEmulator {
    static final long SPIN_NANOS = 150_000;

    private final TimeDistribution time;
    private final RandomGenerator random;

    ComputeEmulator(TimeDistribution time, RandomGenerator random) {
        this.time = time;
        this.random = random;
    }

    /** True when every step takes no time: nothing to emulate, nothing to trace. */
    boolean isZero() {
        return time.isZero();
    }

    /** Draws a duration, sleeps it, and returns the seconds actually slept. */
    double step() {
        if (time.isZero()) {
            return 0;
        }
        long nanos = Math.round(time.sample(random) * 1e9);
        long start = System.nanoTime();
        sleepUntil(start + nanos);
        return (System.nanoTime() - start) / 1e9;
    }

    /** Sleeps until {@code deadline}, or less when the thread is interrupted (the run is being stopped). */
    static void sleepUntil(long deadline) {
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > SPIN_NANOS) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            LockSupport.parkNanos(remaining - SPIN_NANOS);
        }
        while (deadline - System.nanoTime() > 0) {
            Thread.onSpinWait();
        }
    }
}
