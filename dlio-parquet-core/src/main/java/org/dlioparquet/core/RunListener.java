package org.dlioparquet.core;

import org.dlioparquet.core.metrics.EpochSummary;

/** Progress of a run, for a console or a build log. Called from the run's threads; keep it quick. */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    /** A log line (DLIO's OUTPUT level): plan, warnings, epoch results, the final metric block. */
    default void message(String line) {
    }

    /** An epoch (training and any evaluation after it) is complete on every local accelerator. */
    default void epochFinished(EpochSummary epoch) {
    }

    /** Rank 0's progress, every {@link RunMonitoring#progressInterval()} while epochs run. */
    default void progress(RunProgress progress) {
    }
}
