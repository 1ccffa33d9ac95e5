package org.dlioparquet.core.bench;

import java.util.Map;
import org.dlioparquet.core.run.BenchHooks;

/** {@code computation_time} sleeps through the runner's emulator; samples are overshoots in µs. */
final class ComputeWork implements ChildWork {
    private final double seconds;
    private final int steps;

    ComputeWork(double seconds, int steps) {
        this.seconds = seconds;
        this.steps = steps;
    }

    @Override
    public RepMeasure rep() {
        long[] nanos = BenchHooks.computeOvershootNanos(seconds, steps);
        double[] micros = new double[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            micros[i] = nanos[i] / 1e3;
        }
        return new RepMeasure(Map.of("overshootUsMedian", SampleStats.median(micros)), micros);
    }
}
