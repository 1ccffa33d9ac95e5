package org.dlioparquet.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.dataset.DatasetSizing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlio-parquet datasize}: how big the dataset must be, by MLPerf Storage's rule. */
@Command(name = "datasize", mixinStandardHelpOptions = true,
        description = {"Compute the files and bytes a workload needs so that the dataset is at least 5 x the "
                + "clients' memory and gives at least 500 steps per epoch (MLPerf Storage's rule), and print "
                + "the datagen command."})
final class DatasizeCommand implements Callable<Integer> {
    @Mixin
    WorkloadArguments workload = new WorkloadArguments();

    @Option(names = "--client-host-memory-in-gb", paramLabel = "GB", required = true,
            description = "Memory of one client host, GiB.")
    double memoryGiB;

    @Option(names = "--num-client-hosts", paramLabel = "N", defaultValue = "1", description = "Client hosts (default 1).")
    int hosts;

    @Option(names = "--max-accelerators", paramLabel = "N", required = true,
            description = "Emulated accelerators over all hosts.")
    int accelerators;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        WorkloadConfig config = workload.load(spec.commandLine().getErr());
        if (memoryGiB <= 0 || hosts < 1 || accelerators < 1) {
            throw new IllegalArgumentException("--client-host-memory-in-gb, --num-client-hosts and --max-accelerators "
                    + "must be positive");
        }
        DatasetSizing s = DatasetSizing.compute(config, memoryGiB, hosts, accelerators);
        out.printf(Locale.ROOT, "files for 5 x %.0f GiB of client memory: %d%n", memoryGiB * hosts, s.filesByMemory());
        out.printf(Locale.ROOT, "files for 500 steps per epoch on %d accelerators (batch %d): %d%n", accelerators,
                config.reader().batchSize(), s.filesBySteps());
        out.printf(Locale.ROOT, "required: %d files of %.1f MB = %.1f GB%n", s.files(), s.fileBytes() / 1048576.0,
                s.totalBytes() / 1073741824.0);
        List<String> cmd = new ArrayList<>(List.of("dlio-parquet", "datagen", workload.workload));
        for (String o : workload.overrides) {
            if (!o.contains("num_files_train") && !o.contains("num_subfolders_train")) {
                cmd.add(o);
            }
        }
        cmd.add("++workload.dataset.num_files_train=" + s.files());
        if (s.subfolders() > 0) {
            out.printf(Locale.ROOT, "more than %d files per folder: use %d subfolders%n", DatasetSizing.MAX_FILES_PER_FOLDER,
                    s.subfolders());
            cmd.add("++workload.dataset.num_subfolders_train=" + s.subfolders());
        }
        out.println("run: " + ShellWords.join(cmd));
        out.flush();
        return ExitCodes.OK;
    }
}
