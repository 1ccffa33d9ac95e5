package org.dlioparquet.core.metrics;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One save or load over every rank of the job, by MLPerf Storage's rule: its duration is the
 * slowest rank's, and its throughput is the bytes of all ranks over that duration (the same as
 * DLIO's per-rank throughput at the slowest rank, "the minimum across all GPUs").
 *
 * @param ranks every rank's timing, in rank order
 */
public record JobCheckpoint(CheckpointOp op, int epoch, long step, int block, List<CheckpointTiming> ranks) {
    public JobCheckpoint {
        if (ranks.isEmpty()) {
            throw new IllegalArgumentException("a checkpoint has at least one rank");
        }
        ranks = ranks.stream().sorted(Comparator.comparingInt(CheckpointTiming::rank)).toList();
    }

    public String checkpointName() {
        return ranks.get(0).checkpointName();
    }

    /** Bytes written or read by all ranks. */
    public long bytes() {
        return ranks.stream().mapToLong(CheckpointTiming::bytes).sum();
    }

    /** The slowest rank's duration, seconds. */
    public double seconds() {
        return slowest().seconds();
    }

    /** The rank that took longest. */
    public CheckpointTiming slowest() {
        return ranks.stream().max(Comparator.comparingDouble(CheckpointTiming::seconds)).orElseThrow();
    }

    /** All ranks' bytes over the slowest rank's duration, GiB/s. */
    public double gibPerSecond() {
        double s = seconds();
        return s > 0 ? bytes() / CheckpointTiming.GIB / s : 0;
    }

    public Instant start() {
        return ranks.stream().map(CheckpointTiming::start).min(Comparator.naturalOrder()).orElseThrow();
    }

    public Instant end() {
        return ranks.stream().map(CheckpointTiming::end).max(Comparator.naturalOrder()).orElseThrow();
    }
}
