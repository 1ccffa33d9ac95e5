package org.dlioparquet.core.metrics;

import java.util.List;

/**
 * A run's checkpoints over the whole job: every save and load ({@link JobCheckpoint}), and the
 * size of one checkpoint.
 *
 * @param checkpoints        saves and loads in the order they ran
 * @param bytesPerCheckpoint bytes of one checkpoint over all ranks (what each save writes)
 * @param filesPerCheckpoint files of one checkpoint over all ranks
 * @param ranks              ranks of the job
 * @param fsync              whether every file was forced to the device
 * @param odirect            whether files were written and read with O_DIRECT
 */
public record CheckpointSummary(List<JobCheckpoint> checkpoints, long bytesPerCheckpoint, long filesPerCheckpoint,
                                int ranks, boolean fsync, boolean odirect) {
    public CheckpointSummary {
        checkpoints = List.copyOf(checkpoints);
    }

    public List<JobCheckpoint> of(CheckpointOp op) {
        return checkpoints.stream().filter(c -> c.op() == op).toList();
    }

    /** Job throughput of each save or load, GiB/s. */
    public List<Double> gibPerSecond(CheckpointOp op) {
        return of(op).stream().map(JobCheckpoint::gibPerSecond).toList();
    }

    /** Slowest-rank duration of each save or load, seconds. */
    public List<Double> seconds(CheckpointOp op) {
        return of(op).stream().map(JobCheckpoint::seconds).toList();
    }

    /** One checkpoint's size, GiB. */
    public double sizeGiB() {
        return bytesPerCheckpoint / CheckpointTiming.GIB;
    }
}
