package org.dlioparquet.core.checkpoint;

/**
 * One checkpoint: the epoch and step it is named after, and its number among the epoch's
 * checkpoints (DLIO's block: the key {@code save_ckpt<block>} in {@code <rank>_per_epoch_stats.json}).
 *
 * @param epoch epoch, from 1
 * @param step  step, from 1 (in checkpoint-only mode: the checkpoint's number)
 * @param block the checkpoint's number within its epoch, from 1
 */
public record CheckpointId(int epoch, long step, int block) {
    public CheckpointId {
        if (epoch < 1 || step < 0 || block < 1) {
            throw new IllegalArgumentException("epoch " + epoch + ", step " + step + ", block " + block);
        }
    }

    /** DLIO's folder name: {@code global_epoch<E>_step<S>}. */
    public String directoryName() {
        return "global_epoch" + epoch + "_step" + step;
    }

    @Override
    public String toString() {
        return directoryName();
    }
}
