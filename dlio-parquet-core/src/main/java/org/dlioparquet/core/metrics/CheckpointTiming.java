package org.dlioparquet.core.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * One rank's save or load of one checkpoint: DLIO's {@code start_save_ckpt}/{@code end_save_ckpt}
 * span (from after the barrier that starts it to the end of its own writes, or of the
 * {@code rank_sync} barrier), and the bytes this rank wrote or read.
 *
 * @param op      save or load
 * @param rank    the rank
 * @param epoch   the checkpoint's epoch
 * @param step    the checkpoint's step
 * @param block   the checkpoint's number within its epoch ({@code save_ckpt<block>})
 * @param start   wall-clock start
 * @param end     wall-clock end
 * @param seconds duration, from a monotonic clock
 * @param bytes   bytes this rank wrote or read
 */
public record CheckpointTiming(CheckpointOp op, int rank, int epoch, long step, int block, Instant start, Instant end,
                               double seconds, long bytes) {
    static final double GIB = 1024.0 * 1024.0 * 1024.0;

    public CheckpointTiming {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** DLIO's folder name of the checkpoint: {@code global_epoch<E>_step<S>}. */
    public String checkpointName() {
        return "global_epoch" + epoch + "_step" + step;
    }

    /** This rank's own bytes over its own duration, GiB/s. */
    public double gibPerSecond() {
        return seconds > 0 ? bytes / GIB / seconds : 0;
    }
}
