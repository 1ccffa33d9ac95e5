package org.dlioparquet.core.config;

/**
 * The {@code checkpoint} section. Loaded so that DLIO's workloads parse; checkpointing itself is
 * not implemented and {@code workflow.checkpoint: True} is rejected.
 */
public record CheckpointConfig(String checkpointFolder, int checkpointAfterEpoch, int epochsBetweenCheckpoints,
                               long stepsBetweenCheckpoints, boolean fsync) {
}
