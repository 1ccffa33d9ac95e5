package org.dlioparquet.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dlioparquet.core.metrics.CheckpointReport;
import org.dlioparquet.core.metrics.CheckpointSummary;
import org.dlioparquet.core.metrics.MetricReport;
import org.dlioparquet.core.metrics.RunSummary;

/**
 * What {@link Dlio#run} did.
 *
 * @param outputFolder where the result files are
 * @param generation   the generation, or {@code null} when the workflow did not generate data
 * @param summary      the metrics, or {@code null} when the workflow neither trained nor evaluated
 * @param checkpoints  every checkpoint saved and loaded over the job (throughput by MLPerf Storage's
 *                     rule), or {@code null} when the workflow did not checkpoint ({@code workflow.checkpoint})
 */
public record RunResult(Path outputFolder, GenerationResult generation, RunSummary summary,
                        CheckpointSummary checkpoints) {

    /** A run that saved no checkpoints. */
    public RunResult(Path outputFolder, GenerationResult generation, RunSummary summary) {
        this(outputFolder, generation, summary, null);
    }

    /** The checkpoints saved and loaded, when the workflow checkpointed. */
    public Optional<CheckpointSummary> checkpointSummary() {
        return Optional.ofNullable(checkpoints);
    }

    /**
     * True when something was measured and the mean AU of every phase that ran (training,
     * evaluation) met {@code metric.au}; the verdict {@link #auShortfall} explains.
     */
    public boolean meetsAuExpectation() {
        return measured() && auShortfall().isEmpty();
    }

    /**
     * The AU gate ({@code --require-au}, the plugin's {@code requireAu}): empty when the mean AU of
     * training and of evaluation (each when it ran) met {@code metric.au}, else one line naming
     * the phase that missed it, its mean and the target, e.g. {@code AU expectation not met:
     * 12.34 % < 90.00 % (metric.au) in training}.
     *
     * @throws DlioException when the workflow neither trained nor evaluated: there is no AU to check
     */
    public Optional<String> auShortfall() {
        if (!measured()) {
            throw new DlioException("the AU expectation cannot be checked: the run neither trained nor evaluated "
                    + "(workflow.train, workflow.evaluation)");
        }
        List<String> missed = new ArrayList<>();
        if (summary.hasTraining() && !summary.trainMeetsAu()) {
            missed.add(String.format(Locale.ROOT, "%.2f %% < %.2f %% (metric.au) in training", summary.trainAuMean(),
                    summary.auExpectation() * 100));
        }
        if (summary.hasEvaluation() && !summary.evalMeetsAu()) {
            missed.add(String.format(Locale.ROOT, "%.2f %% < %.2f %% (metric.au) in evaluation", summary.evalAuMean(),
                    summary.auExpectation() * 100));
        }
        return missed.isEmpty() ? Optional.empty()
                : Optional.of("AU expectation not met: " + String.join("; ", missed));
    }

    private boolean measured() {
        return summary != null && (summary.hasTraining() || summary.hasEvaluation());
    }

    /** DLIO's {@code [METRIC]} block with the checkpoint lines, empty when nothing was measured. */
    public List<String> metricBlock() {
        if (summary == null) {
            return checkpoints == null ? List.of() : MetricReport.checkpointBlock(checkpoints.ranks(), checkpoints);
        }
        List<String> block = MetricReport.metricBlock(summary);
        return checkpoints == null ? block : MetricReport.withLines(block, CheckpointReport.metricLines(checkpoints));
    }

}
