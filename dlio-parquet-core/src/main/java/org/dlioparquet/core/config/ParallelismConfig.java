package org.dlioparquet.core.config;

/**
 * {@code model.parallelism}: how the checkpointed model is split over the ranks
 * (Megatron-DeepSpeed's tensor, pipeline and data parallelism and ZeRO stage).
 *
 * @param tensor    tensor parallelism (TP)
 * @param pipeline  pipeline parallelism (PP)
 * @param data      data parallelism (DP); {@code -1} = the rank count / (TP x PP)
 * @param zeroStage ZeRO stage, 0 to 3
 */
public record ParallelismConfig(int tensor, int pipeline, int data, int zeroStage) {
    /** TP x PP. */
    public int model() {
        return tensor * pipeline;
    }
}
