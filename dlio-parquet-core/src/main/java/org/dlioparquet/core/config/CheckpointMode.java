package org.dlioparquet.core.config;

/** {@code checkpoint.mode}. */
public enum CheckpointMode {
    /** The data parallelism is the rank count / (tensor x pipeline); every rank of the model exists. */
    DEFAULT,
    /**
     * The data parallelism comes from {@code model.parallelism.data}, and only ranks {@code 0..n-1}
     * of that larger job run and write ("subset checkpointing": mlpstorage runs a 64-rank model on 8).
     */
    SUBSET
}
