package org.dlioparquet.cli.bench;

import java.util.Map;

/**
 * Times sleeps of one duration, each with {@code System.nanoTime} around the call as a caller's
 * wall clock sees it; samples are how much each sleep overran, in µs. The emulator's case and the
 * plain-park baseline measure through this one loop, so only the sleep differs.
 */
final class SleepOvershoots {
    private SleepOvershoots() {
    }

    static RepMeasure measure(double seconds, int steps, Runnable sleep) {
        long nanos = Math.round(seconds * 1e9);
        double[] micros = new double[steps];
        for (int i = 0; i < steps; i++) {
            long start = System.nanoTime();
            sleep.run();
            micros[i] = (System.nanoTime() - start - nanos) / 1e3;
        }
        return new RepMeasure(Map.of("overshootUsMedian", SampleStats.median(micros)), micros);
    }
}
