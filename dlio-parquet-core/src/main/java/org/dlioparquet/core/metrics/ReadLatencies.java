package org.dlioparquet.core.metrics;

/**
 * How long reads took, per sample and per batch, for one data loader (or, merged, for a run).
 *
 * @param perSample time to read one sample (a run of samples read with one call counts once per sample)
 * @param perBatch  time a reader thread took to load one whole batch
 */
public record ReadLatencies(LatencyRecorder perSample, LatencyRecorder perBatch) {
    public static ReadLatencies empty() {
        return new ReadLatencies(new LatencyRecorder(), new LatencyRecorder());
    }

    /** Adds {@code other}'s recorded latencies to these. */
    public void merge(ReadLatencies other) {
        perSample.merge(other.perSample);
        perBatch.merge(other.perBatch);
    }
}
