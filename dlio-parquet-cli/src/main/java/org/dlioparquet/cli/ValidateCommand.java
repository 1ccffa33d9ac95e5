package org.dlioparquet.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.ValidationReport;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.config.WorkflowConfig;
import org.dlioparquet.core.config.WorkloadConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlio-parquet validate}: check a workload, and optionally its dataset on disk. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the workload (every problem, with its key and line) and, with --data, that the "
                + "dataset on disk matches it.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    WorkloadArguments workload = new WorkloadArguments();

    @Option(names = "--data", description = "Also check the dataset: every file present, named as DLIO names it, "
            + "not empty.")
    boolean data;

    @Option(names = "--deep", description = "With --data: open every file and decode every sample.")
    boolean deep;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WorkloadConfig config = workload.load(err);
        DatasetConfig ds = config.dataset();
        WorkflowConfig wf = config.workflow();
        if (wf.checkpoint() && !wf.train() && !wf.evaluation() && !wf.generateData()) {
            out.printf(Locale.ROOT, "workload OK: %s, checkpoint-only (%d saves, %d loads), checkpoint folder %s; "
                    + "datasize --ranks N gives its size%n", config.model().name(),
                    Math.max(0, config.checkpoint().numCheckpointsWrite()),
                    Math.max(0, config.checkpoint().numCheckpointsRead()), config.checkpointFolderName());
        } else {
            out.printf(Locale.ROOT, "workload OK: %s, %s, %d train + %d eval files x %d samples, data folder %s%n",
                    config.model().name(), ds.format(), ds.numFilesTrain(), ds.numFilesEval(), ds.numSamplesPerFile(),
                    config.dataFolderName());
        }
        if (!data && !deep) {
            out.flush();
            return ExitCodes.OK;
        }
        ValidationReport report = Dlio.validate(config, deep);
        for (String p : report.problems()) {
            err.println("dlio-parquet: " + p);
        }
        out.println(report.summaryLine());
        out.flush();
        err.flush();
        return report.ok() ? ExitCodes.OK : ExitCodes.DATA;
    }
}
