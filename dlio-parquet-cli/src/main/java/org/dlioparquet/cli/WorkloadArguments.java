package org.dlioparquet.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.config.ConfigProblem;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.Workloads;
import org.dlioparquet.core.spi.FormatRegistry;
import picocli.CommandLine.Parameters;

/** The workload and its overrides, typed as DLIO users type them. */
final class WorkloadArguments {
    @Parameters(index = "0", paramLabel = "WORKLOAD",
            description = "Workload YAML file, or the name of a bundled workload (quickstart, ...).")
    String workload;

    @Parameters(index = "1..*", paramLabel = "OVERRIDE",
            description = "Overrides as DLIO takes them: ++workload.reader.batch_size=8, dataset.num_files_train=64.")
    List<String> overrides = new ArrayList<>();

    /** Loads the workload relative to the working directory and prints its warnings. */
    WorkloadConfig load(PrintWriter err) {
        WorkloadConfig config = loadQuietly();
        for (ConfigProblem w : config.warnings()) {
            err.println("warning: " + w);
        }
        err.flush();
        return config;
    }

    /**
     * Loads the workload without printing its warnings: for {@code run}, whose log prints them
     * (through the run's listener, and into dlio.log).
     */
    WorkloadConfig loadQuietly() {
        return Workloads.load(FormatRegistry.loadDefault(), Path.of(""), workload, overrides);
    }
}
