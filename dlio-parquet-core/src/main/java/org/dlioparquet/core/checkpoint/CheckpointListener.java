package org.dlioparquet.core.checkpoint;

import org.dlioparquet.core.metrics.CheckpointOp;
import org.dlioparquet.core.metrics.JobCheckpoint;

/**
 * Hears about saves and loads as they run, for progress lines ({@link org.dlioparquet.core.metrics.CheckpointReport}).
 * Called on a rank's thread; a job of several processes calls every process's listener.
 */
public interface CheckpointListener {
    CheckpointListener NONE = new CheckpointListener() {
    };

    /** A save or load is about to start (before the barrier that starts it). */
    default void started(CheckpointOp op, CheckpointId id) {
    }

    /** A save or load ended on every rank of the job. */
    default void finished(JobCheckpoint checkpoint) {
    }

    /** Something worth a line in the log (a setting that does not apply to this run). */
    default void note(String message) {
    }
}
