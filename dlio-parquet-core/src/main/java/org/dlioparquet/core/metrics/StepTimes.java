package org.dlioparquet.core.metrics;

import java.util.Arrays;

/**
 * The per-step timings of one block (one epoch without step checkpoints), in seconds, as DLIO
 * records them: {@code load} = waiting for the batch, {@code compute} = emulated accelerator time,
 * {@code proc} = load + compute. {@code start}/{@code end} are the block's wall-clock bounds. Each
 * step also carries what loading its batch cost (bytes read from storage, decoded bytes), so that
 * byte rates can be taken over the same steps as DLIO's samples/s.
 */
public final class StepTimes {
    private double[] load = new double[16];
    private double[] compute = new double[16];
    private long[] storage = new long[16];
    private long[] payload = new long[16];
    private int steps;
    private long startNanos;
    private long endNanos;
    private long excludedNanos;

    public void start(long nanos) {
        startNanos = nanos;
    }

    public void end(long nanos) {
        endNanos = nanos;
    }

    /**
     * Time within the block that is no step's: a checkpoint saved between two steps. DLIO ends the
     * block before such a save and opens a new one after it; leaving it out of {@link #duration}
     * keeps it out of AU and throughput the same way.
     */
    public void exclude(long nanos) {
        excludedNanos += nanos;
    }

    public void add(double loadSeconds, double computeSeconds) {
        add(loadSeconds, computeSeconds, 0, 0);
    }

    /** A step, with the bytes its batch read from storage and the bytes of values it delivered. */
    public void add(double loadSeconds, double computeSeconds, long storageBytes, long payloadBytes) {
        if (steps == load.length) {
            load = Arrays.copyOf(load, steps * 2);
            compute = Arrays.copyOf(compute, steps * 2);
            storage = Arrays.copyOf(storage, steps * 2);
            payload = Arrays.copyOf(payload, steps * 2);
        }
        load[steps] = loadSeconds;
        compute[steps] = computeSeconds;
        storage[steps] = storageBytes;
        payload[steps] = payloadBytes;
        steps++;
    }

    public int steps() {
        return steps;
    }

    public double load(int step) {
        return load[step];
    }

    public double compute(int step) {
        return compute[step];
    }

    public double proc(int step) {
        return load[step] + compute[step];
    }

    /** Bytes the batch of this step read from storage. */
    public long storageBytes(int step) {
        return storage[step];
    }

    /** Bytes of sample values the batch of this step delivered. */
    public long payloadBytes(int step) {
        return payload[step];
    }

    /** Wall time of the block in seconds, less the time {@link #exclude excluded} (checkpoints). */
    public double duration() {
        return (endNanos - startNanos - excludedNanos) / 1e9;
    }

    /** Seconds of the block spent outside its steps (checkpoints saved between them). */
    public double excluded() {
        return excludedNanos / 1e9;
    }
}
