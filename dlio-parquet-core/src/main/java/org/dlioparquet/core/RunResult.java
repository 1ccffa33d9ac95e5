package org.dlioparquet.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dlioparquet.core.metrics.MetricReport;
import org.dlioparquet.core.metrics.RunSummary;

/**
 * What {@link Dlio#run} did: the generation (when the workflow generated data), the metrics (when
 * it trained or evaluated), and where the result files are.
 */
public record RunResult(Path outputFolder, GenerationResult generation, RunSummary summary) {

    public Optional<GenerationResult> generationResult() {
        return Optional.ofNullable(generation);
    }

    public Optional<RunSummary> metrics() {
        return Optional.ofNullable(summary);
    }

    /** True when training ran and its mean AU met {@code metric.au}. */
    public boolean meetsAuExpectation() {
        return summary != null && (!summary.hasTraining() || summary.trainMeetsAu())
                && (!summary.hasEvaluation() || summary.evalMeetsAu());
    }

    /** DLIO's {@code [METRIC]} block, empty when nothing was measured. */
    public List<String> metricBlock() {
        return summary == null ? List.of() : MetricReport.metricBlock(summary);
    }
}
