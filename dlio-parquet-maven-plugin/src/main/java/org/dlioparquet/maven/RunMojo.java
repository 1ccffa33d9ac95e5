package org.dlioparquet.maven;

import java.io.File;
import java.io.IOException;
import java.util.Locale;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.RunListener;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.RunResult;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.metrics.PhaseSummary;
import org.dlioparquet.core.metrics.RunSummary;
import org.dlioparquet.core.metrics.Stats;

/**
 * Runs the workload's workflow and writes {@code summary.json}. Fails the build when
 * {@code requireAu} is set and the AU expectation ({@code metric.au}) is not met, or when training
 * throughput is below {@code minThroughput}. Sets {@code dlio.train.au}, {@code dlio.train.throughput},
 * {@code dlio.train.io}, {@code dlio.train.io.measured}, {@code dlio.train.au.met} and
 * {@code dlio.summary} for later plugins.
 */
@Mojo(name = "run", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class RunMojo extends AbstractDlioMojo {

    /** Folder for summary.json, the per-epoch stats, config.yaml and dlio.log. */
    @Parameter(property = "dlio.output", defaultValue = "${project.build.directory}/dlio-parquet")
    File outputDirectory;

    /** Fail the build when the mean training AU is below {@code metric.au}. */
    @Parameter(property = "dlio.requireAu", defaultValue = "false")
    boolean requireAu;

    /** Fail the build when training throughput (samples/s, all accelerators) is below this. */
    @Parameter(property = "dlio.minThroughput")
    Double minThroughput;

    /** Emulated accelerators in this build (DLIO's MPI ranks on one host). */
    @Parameter(property = "dlio.accelerators", defaultValue = "1")
    int accelerators;

    @Override
    protected void execute(WorkloadConfig config) throws IOException, MojoFailureException {
        RunOptions options = RunOptions.defaults().withAccelerators(accelerators)
                .withOutputFolder(outputDirectory.toPath())
                .withListener(new RunListener() {
                    @Override
                    public void message(String line) {
                        getLog().info(line);
                    }
                });
        RunResult result = Dlio.run(config, options);
        exportProperty("dlio.summary", result.outputFolder().resolve("summary.json"));
        RunSummary s = result.summary();
        if (s == null || !s.hasTraining()) {
            return;
        }
        double au = s.trainAuMean();
        double throughput = s.trainThroughputMean();
        exportProperty("dlio.train.au", au);
        exportProperty("dlio.train.throughput", throughput);
        exportProperty("dlio.train.io", Stats.mean(s.train(PhaseSummary::nominalMiBps)));
        exportProperty("dlio.train.io.measured", Stats.mean(s.train(PhaseSummary::storageMiBps)));
        exportProperty("dlio.train.au.met", s.trainMeetsAu());
        if (requireAu && !s.trainMeetsAu()) {
            throw new MojoFailureException(String.format(Locale.ROOT,
                    "AU expectation not met: %.2f %% < %.2f %% (metric.au)", au, config.metric().au() * 100));
        }
        if (minThroughput != null && throughput < minThroughput) {
            throw new MojoFailureException(String.format(Locale.ROOT,
                    "training throughput %.2f samples/s is below minThroughput %.2f", throughput, minThroughput));
        }
    }
}
