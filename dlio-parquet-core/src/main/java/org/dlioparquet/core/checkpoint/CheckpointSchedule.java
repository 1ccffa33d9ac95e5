package org.dlioparquet.core.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dlioparquet.core.config.CheckpointConfig;
import org.dlioparquet.core.config.WorkflowConfig;
import org.dlioparquet.core.config.WorkloadConfig;

/**
 * When checkpoints happen, as DLIO's {@code main.py} decides it ({@code reference/checkpoint.md} §2.2).
 *
 * <p>During training, either every {@code steps_between_checkpoints} steps of an epoch (the count
 * restarts each epoch; no checkpoint at the end of epochs), or at the end of epoch
 * {@code checkpoint_after_epoch} and every {@code epochs_between_checkpoints} epochs after it.
 * In checkpoint-only mode ({@code workflow.train: False}), {@code num_checkpoints_write} saves
 * named {@code global_epoch1_step1..W}, then {@code num_checkpoints_read} loads of the first ones.
 *
 * <p>Two of DLIO's quirks are fixed: an end-of-epoch checkpoint after 16 steps is named
 * {@code global_epoch1_step16} (DLIO: {@code step17}, its loop counter one past the last step), and
 * {@code checkpoint_after_epoch: 0} checkpoints from the first epoch (DLIO: never, as its epochs
 * count from 1 and it compares with {@code ==}).
 */
public final class CheckpointSchedule {
    private final boolean training;
    private final boolean checkpointOnly;
    private final CheckpointConfig config;

    private CheckpointSchedule(WorkflowConfig workflow, CheckpointConfig config) {
        this.training = workflow.checkpoint() && workflow.train();
        this.checkpointOnly = workflow.checkpoint() && !workflow.train();
        this.config = config;
    }

    public static CheckpointSchedule of(WorkloadConfig config) {
        return of(config.workflow(), config.checkpoint());
    }

    public static CheckpointSchedule of(WorkflowConfig workflow, CheckpointConfig config) {
        return new CheckpointSchedule(workflow, config);
    }

    /** True when checkpoints are saved during training. */
    public boolean duringTraining() {
        return training;
    }

    /** True in DLIO's checkpoint-only mode ({@code workflow.checkpoint: True, train: False}). */
    public boolean checkpointOnly() {
        return checkpointOnly;
    }

    /** True when training checkpoints every {@code steps_between_checkpoints} steps rather than per epoch. */
    public boolean byStep() {
        return config.stepsBetweenCheckpoints() > 0;
    }

    /**
     * The checkpoint to save right after step {@code step} of epoch {@code epoch} (counted from 1
     * within the epoch, after the step's barrier), if any.
     */
    public Optional<CheckpointId> afterStep(int epoch, long step) {
        long every = config.stepsBetweenCheckpoints();
        if (!training || every <= 0 || step < 1 || step % every != 0) {
            return Optional.empty();
        }
        return Optional.of(new CheckpointId(epoch, step, Math.toIntExact(step / every)));
    }

    /**
     * The checkpoint to save at the end of epoch {@code epoch}, after its {@code steps} steps and the
     * end-of-epoch barrier, if any. It is named after the steps done ({@code global_epoch1_step16}).
     */
    public Optional<CheckpointId> afterEpoch(int epoch, long steps) {
        if (!training || byStep()) {
            return Optional.empty();
        }
        int first = Math.max(1, config.checkpointAfterEpoch());
        if (epoch < first || (epoch - first) % config.epochsBetweenCheckpoints() != 0) {
            return Optional.empty();
        }
        return Optional.of(new CheckpointId(epoch, steps, 1));
    }

    /**
     * The checkpoints a training run saves: {@code epochs} epochs of {@code stepsPerEpoch} steps, the
     * whole run capped at {@code totalStepCap} steps ({@code <= 0}: no cap). For sizing before a run.
     */
    public List<CheckpointId> trainingCheckpoints(int epochs, long stepsPerEpoch, long totalStepCap) {
        List<CheckpointId> out = new ArrayList<>();
        long left = totalStepCap > 0 ? totalStepCap : Long.MAX_VALUE;
        for (int epoch = 1; epoch <= epochs && left > 0; epoch++) {
            long steps = Math.min(stepsPerEpoch, left);
            left -= steps;
            if (byStep()) {
                for (long s = config.stepsBetweenCheckpoints(); s <= steps; s += config.stepsBetweenCheckpoints()) {
                    afterStep(epoch, s).ifPresent(out::add);
                }
            } else {
                afterEpoch(epoch, steps).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Checkpoint-only mode's saves: {@code global_epoch1_step1} .. {@code step<num_checkpoints_write>}. */
    public List<CheckpointId> writes() {
        return checkpointOnly ? numbered(config.numCheckpointsWrite()) : List.of();
    }

    /** Checkpoint-only mode's loads: the first {@code num_checkpoints_read} checkpoints written. */
    public List<CheckpointId> reads() {
        return checkpointOnly ? numbered(config.numCheckpointsRead()) : List.of();
    }

    private static List<CheckpointId> numbered(int count) {
        List<CheckpointId> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(new CheckpointId(1, i, i));
        }
        return out;
    }

    /**
     * Seconds to sleep before each save and load in checkpoint-only mode. DLIO sleeps
     * {@code abs(time_between_checkpoints)}, so its default -1 sleeps 1 s; here a value of 0 or
     * less means no sleep.
     */
    public double secondsBetween() {
        return Math.max(0, config.timeBetweenCheckpoints());
    }
}
