package org.dlioparquet.core.config;

import java.util.Objects;

/** The {@code evaluation} section. */
public record EvaluationConfig(TimeDistribution evalTime, int evalAfterEpoch, int epochsBetweenEvals) {
    public EvaluationConfig {
        Objects.requireNonNull(evalTime, "evalTime");
    }
}
