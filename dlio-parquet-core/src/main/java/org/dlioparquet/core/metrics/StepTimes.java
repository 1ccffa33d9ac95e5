package org.dlioparquet.core.metrics;

import java.util.Arrays;

/**
 * The per-step timings of one block (one epoch without step checkpoints), in seconds, as DLIO
 * records them: {@code load} = waiting for the batch, {@code compute} = emulated accelerator time,
 * {@code proc} = load + compute. {@code start}/{@code end} are the block's wall-clock bounds.
 */
public final class StepTimes {
    private double[] load = new double[16];
    private double[] compute = new double[16];
    private int steps;
    private long startNanos;
    private long endNanos;

    public void start(long nanos) {
        startNanos = nanos;
    }

    public void end(long nanos) {
        endNanos = nanos;
    }

    public void add(double loadSeconds, double computeSeconds) {
        if (steps == load.length) {
            load = Arrays.copyOf(load, steps * 2);
            compute = Arrays.copyOf(compute, steps * 2);
        }
        load[steps] = loadSeconds;
        compute[steps] = computeSeconds;
        steps++;
    }

    public int steps() {
        return steps;
    }

    public double compute(int step) {
        return compute[step];
    }

    public double proc(int step) {
        return load[step] + compute[step];
    }

    /** Wall time of the block in seconds. */
    public double duration() {
        return (endNanos - startNanos) / 1e9;
    }
}
