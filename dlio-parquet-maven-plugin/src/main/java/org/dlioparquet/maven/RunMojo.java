package org.dlioparquet.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.RunListener;
import org.dlioparquet.core.RunMonitoring;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.RunProgress;
import org.dlioparquet.core.RunResult;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.metrics.CheckpointOp;
import org.dlioparquet.core.metrics.PhaseSummary;
import org.dlioparquet.core.metrics.RunSummary;
import org.dlioparquet.core.metrics.Stats;

/**
 * Runs the workload's workflow and writes {@code summary.json}. Fails the build when
 * {@code requireAu} is set and the mean AU of training or of evaluation misses the AU expectation
 * ({@code metric.au}), when training throughput is below {@code minThroughput}, when a checkpoint
 * save or load is below {@code minCheckpointThroughput}, or when a gate is set but the run measured
 * nothing it could check. After training, sets {@code dlio.train.au}, {@code dlio.train.throughput},
 * {@code dlio.train.io}, {@code dlio.train.io.measured} and {@code dlio.train.au.met} (the verdict
 * {@code requireAu} uses); after checkpoints, {@code dlio.checkpoint.save.throughput} and
 * {@code dlio.checkpoint.load.throughput} (GiB/s, mean over the saves or loads, each the bytes of all
 * ranks over the slowest rank's duration); {@code dlio.summary} when {@code summary.json} was written.
 */
@Mojo(name = "run", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class RunMojo extends AbstractDlioMojo {

    /** Folder for summary.json, the per-epoch stats, config.yaml and dlio.log. */
    @Parameter(property = "dlio.output", defaultValue = "${project.build.directory}/dlio-parquet")
    File outputDirectory;

    /**
     * Fail the build when the mean AU of training or of evaluation (each when it ran) is below
     * {@code metric.au}, or when the run did neither.
     */
    @Parameter(property = "dlio.requireAu", defaultValue = "false")
    boolean requireAu;

    /**
     * Fail the build when training throughput (samples/s, all accelerators) is below this, or when
     * the run did not train.
     */
    @Parameter(property = "dlio.minThroughput")
    Double minThroughput;

    /**
     * Fail the build when a checkpoint save or load measured below this many GiB/s (all ranks' bytes
     * over the slowest rank's duration), or when the run saved and loaded no checkpoint.
     */
    @Parameter(property = "dlio.minCheckpointThroughput")
    Double minCheckpointThroughput;

    /** Emulated accelerators in this build (DLIO's MPI ranks on one host). */
    @Parameter(property = "dlio.accelerators", defaultValue = "1")
    int accelerators;

    /** Write report.html (charts of the run, self-contained) into the output directory. */
    @Parameter(property = "dlio.report", defaultValue = "true")
    boolean report;

    /** Seconds between progress lines in the build log (epoch, step, samples/s, MB/s, ETA); 0 for none. */
    @Parameter(property = "dlio.progressInterval", defaultValue = "30")
    int progressInterval;

    /**
     * Seconds an accelerator may wait for a batch before the log says what its reader threads are
     * doing (file, samples, offset); 0 for never.
     */
    @Parameter(property = "dlio.stallTimeout", defaultValue = "60")
    int stallTimeout;

    /** How the run's log marks a warning; Maven's log marks it by its level instead. */
    private static final String WARNING = "Warning: ";

    /** The run logs the workload's warnings itself (and into dlio.log). */
    @Override
    protected boolean logsWarnings() {
        return false;
    }

    /** The run as the parameters ask for it: the build log gets the run's lines and its progress. */
    RunOptions runOptions() {
        if (progressInterval < 0 || stallTimeout < 0) {
            throw new IllegalArgumentException("progressInterval and stallTimeout must be >= 0 seconds");
        }
        return RunOptions.defaults().withAccelerators(accelerators)
                .withOutputFolder(outputDirectory.toPath())
                .withMonitoring(new RunMonitoring(report, Duration.ofSeconds(progressInterval),
                        Duration.ofSeconds(stallTimeout)))
                .withListener(new RunListener() {
                    @Override
                    public void message(String line) {
                        if (line.startsWith(WARNING)) {
                            getLog().warn(line.substring(WARNING.length()));
                        } else {
                            getLog().info(line);
                        }
                    }

                    @Override
                    public void progress(RunProgress progress) {
                        getLog().info(progress.line());
                    }
                });
    }

    @Override
    protected void execute(WorkloadConfig config) throws IOException, MojoFailureException {
        RunResult result = Dlio.run(config, runOptions());
        Path summaryFile = result.outputFolder().resolve("summary.json");
        if (Files.isRegularFile(summaryFile)) {
            exportProperty("dlio.summary", summaryFile);
        }
        RunSummary s = result.summary();
        boolean trained = s != null && s.hasTraining();
        if (trained) {
            exportProperty("dlio.train.au", s.trainAuMean());
            exportProperty("dlio.train.throughput", s.trainThroughputMean());
            exportProperty("dlio.train.io", Stats.mean(s.train(PhaseSummary::nominalMiBps)));
            exportProperty("dlio.train.io.measured", Stats.mean(s.train(PhaseSummary::storageMiBps)));
            exportProperty("dlio.train.au.met", result.meetsAuExpectation());
        }
        result.checkpointSummary().ifPresent(c -> {
            for (CheckpointOp op : CheckpointOp.values()) {
                if (!c.of(op).isEmpty()) {
                    exportProperty("dlio.checkpoint." + op.word() + ".throughput", Stats.mean(c.gibPerSecond(op)));
                }
            }
        });
        if (requireAu) {
            Optional<String> shortfall = result.auShortfall();
            if (shortfall.isPresent()) {
                throw new MojoFailureException(shortfall.get());
            }
        }
        if (minCheckpointThroughput != null) {
            Optional<String> shortfall = result.checkpointShortfall(minCheckpointThroughput);
            if (shortfall.isPresent()) {
                throw new MojoFailureException(shortfall.get() + " (minCheckpointThroughput)");
            }
        }
        if (minThroughput != null) {
            if (!trained) {
                throw new MojoFailureException("minThroughput is set but the run did not train (workflow.train): "
                        + "there is no training throughput to check");
            }
            double throughput = s.trainThroughputMean();
            if (throughput < minThroughput) {
                throw new MojoFailureException(String.format(Locale.ROOT,
                        "training throughput %.2f samples/s is below minThroughput %.2f", throughput, minThroughput));
            }
        }
    }
}
