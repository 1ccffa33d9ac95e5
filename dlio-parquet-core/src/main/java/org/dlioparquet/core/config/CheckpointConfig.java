package org.dlioparquet.core.config;

import java.util.Objects;

/**
 * The {@code checkpoint} section: where checkpoints go, when they are taken, and how they are
 * written ({@code reference/checkpoint.md} §2.1).
 *
 * @param checkpointFolder         root of the {@code global_epoch<E>_step<S>} folders
 * @param checkpointAfterEpoch     first epoch that ends with a checkpoint (training mode)
 * @param epochsBetweenCheckpoints epochs from one end-of-epoch checkpoint to the next
 * @param stepsBetweenCheckpoints  {@code > 0}: a checkpoint every that many steps of an epoch, and
 *                                 none at the end of epochs; {@code -1}: end-of-epoch checkpoints
 * @param type                     DLIO's {@code rank_zero} / {@code all_ranks}, which DLIO never reads
 * @param mode                     default, or subset checkpointing
 * @param fsync                    force every file to the device before it counts as written
 * @param timeBetweenCheckpoints   seconds to sleep before each save and load in checkpoint-only mode;
 *                                 {@code <= 0}: none (DLIO sleeps {@code abs()} of it, 1 s for the default -1)
 * @param numCheckpointsWrite      checkpoints to save in checkpoint-only mode ({@code -1}: none)
 * @param numCheckpointsRead       checkpoints to load afterwards, the first ones written ({@code -1}: none)
 * @param recoveryRankShift        load the files of rank {@code (r + ranks per process) mod ranks}, so
 *                                 that a load does not read what the same host wrote
 * @param rankSync                 a barrier after each save and load, inside the timed span
 * @param randomizeTensor          pseudo-random contents; False writes DLIO's {@code torch.ones}
 * @param odirect                  dlio-parquet: save and load with O_DIRECT, past the page cache
 * @param verify                   dlio-parquet: on load, compare every byte with what was written
 */
public record CheckpointConfig(String checkpointFolder, int checkpointAfterEpoch, int epochsBetweenCheckpoints,
                               long stepsBetweenCheckpoints, String type, CheckpointMode mode, boolean fsync,
                               double timeBetweenCheckpoints, int numCheckpointsWrite, int numCheckpointsRead,
                               boolean recoveryRankShift, boolean rankSync, boolean randomizeTensor, boolean odirect,
                               boolean verify) {
    public CheckpointConfig {
        Objects.requireNonNull(checkpointFolder, "checkpointFolder");
        Objects.requireNonNull(mode, "mode");
    }
}
