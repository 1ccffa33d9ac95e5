package org.dlioparquet.core.config;

import java.util.Objects;

/**
 * The {@code train} section.
 *
 * @param epochs             epochs to run
 * @param computationTime    emulated accelerator time per step
 * @param totalTrainingSteps cap on the steps of the whole run; {@code -1} = no cap
 * @param seed               shuffle seed
 * @param seedChangeEpoch    add the epoch number to the seed
 */
public record TrainConfig(int epochs, TimeDistribution computationTime, long totalTrainingSteps, long seed,
                          boolean seedChangeEpoch) {
    public TrainConfig {
        Objects.requireNonNull(computationTime, "computationTime");
    }
}
