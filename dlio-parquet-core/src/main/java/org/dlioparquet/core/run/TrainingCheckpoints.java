package org.dlioparquet.core.run;

import java.io.IOException;
import java.util.Optional;
import org.dlioparquet.core.checkpoint.CheckpointId;
import org.dlioparquet.core.checkpoint.CheckpointSchedule;
import org.dlioparquet.core.checkpoint.Checkpointer;

/**
 * The checkpoints of a training run, as an accelerator meets them: after a step's barrier or at the
 * end of an epoch, the schedule says whether one is due, and the accelerator's own thread saves its
 * rank's files (so the local ranks save in parallel, as {@link Checkpointer} expects).
 */
final class TrainingCheckpoints {
    /** A run that saves no checkpoints. */
    static final TrainingCheckpoints NONE = new TrainingCheckpoints(null, null);

    private final Checkpointer checkpointer;
    private final CheckpointSchedule schedule;

    TrainingCheckpoints(Checkpointer checkpointer, CheckpointSchedule schedule) {
        this.checkpointer = checkpointer;
        this.schedule = schedule;
    }

    /** The checkpoints of {@code checkpointer} at the times {@code schedule} says; NONE when it is null. */
    static TrainingCheckpoints of(Checkpointer checkpointer, CheckpointSchedule schedule) {
        return checkpointer == null || !schedule.duringTraining() ? NONE
                : new TrainingCheckpoints(checkpointer, schedule);
    }

    /**
     * Saves the checkpoint due after step {@code step} (from 1 within the epoch), if any.
     *
     * @return nanoseconds spent saving (and waiting for the other ranks), 0 when none was due
     */
    long afterStep(int rank, int epoch, long step) throws IOException {
        return schedule == null ? 0 : save(rank, schedule.afterStep(epoch, step));
    }

    /** Saves the checkpoint due at the end of epoch {@code epoch} after {@code steps} steps, if any. */
    long afterEpoch(int rank, int epoch, long steps) throws IOException {
        return schedule == null ? 0 : save(rank, schedule.afterEpoch(epoch, steps));
    }

    /** Lets ranks waiting in a save go when another rank failed outside it. */
    void abort(Throwable cause) {
        if (checkpointer != null) {
            checkpointer.abort(cause);
        }
    }

    private long save(int rank, Optional<CheckpointId> due) throws IOException {
        if (due.isEmpty()) {
            return 0;
        }
        long t0 = System.nanoTime();
        checkpointer.save(rank, due.get());
        return System.nanoTime() - t0;
    }
}
