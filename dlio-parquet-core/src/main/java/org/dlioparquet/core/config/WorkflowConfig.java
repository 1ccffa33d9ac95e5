package org.dlioparquet.core.config;

/** The {@code workflow} section: which phases a run performs. */
public record WorkflowConfig(boolean generateData, boolean train, boolean evaluation, boolean checkpoint,
                             boolean profiling) {
    public static WorkflowConfig defaults() {
        return new WorkflowConfig(false, true, false, false, false);
    }
}
