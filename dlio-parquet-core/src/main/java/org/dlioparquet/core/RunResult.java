package org.dlioparquet.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dlioparquet.core.metrics.CheckpointReport;
import org.dlioparquet.core.metrics.CheckpointSummary;
import org.dlioparquet.core.metrics.JobCheckpoint;
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

    /**
     * The checkpoint gate (the plugin's {@code minCheckpointThroughput}): empty when every save and
     * load reached {@code minGiBPerSecond} (all ranks' bytes over the slowest rank's duration), else
     * one line naming the slowest, e.g. {@code checkpoint save global_epoch1_step1: 0.1234 GiB/s is
     * below the minimum 1.0000 GiB/s}.
     *
     * @throws DlioException when the run saved and loaded no checkpoint: there is no throughput to check
     */
    public Optional<String> checkpointShortfall(double minGiBPerSecond) {
        if (checkpoints == null || checkpoints.checkpoints().isEmpty()) {
            throw new DlioException("the checkpoint throughput cannot be checked: the run saved and loaded no "
                    + "checkpoint (workflow.checkpoint)");
        }
        JobCheckpoint slowest = checkpoints.checkpoints().stream()
                .min(Comparator.comparingDouble(JobCheckpoint::gibPerSecond)).orElseThrow();
        if (slowest.gibPerSecond() >= minGiBPerSecond) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "checkpoint %s %s: %.4f GiB/s is below the minimum %.4f GiB/s",
                slowest.op().word(), slowest.checkpointName(), slowest.gibPerSecond(), minGiBPerSecond));
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
