package org.dlioparquet.cli.bench;

import org.dlioparquet.core.run.BenchHooks;

/** {@code computation_time} sleeps through the runner's emulator; samples are overshoots in µs. */
final class ComputeWork implements ChildWork {
    private final double seconds;
    private final int steps;
    private final Runnable sleep;

    ComputeWork(double seconds, int steps) {
        this.seconds = seconds;
        this.steps = steps;
        this.sleep = BenchHooks.computeSleep(seconds);
    }

    @Override
    public RepMeasure rep() {
        return SleepOvershoots.measure(seconds, steps, sleep);
    }
}
