package org.dlioparquet.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dlioparquet.core.checkpoint.CheckpointSizing;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.dataset.DatasetSizing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dlio-parquet datasize}: how big the dataset must be, by MLPerf Storage's rule; or, with
 * {@code --ranks}, what a checkpoint workload writes on that many ranks.
 */
@Command(name = "datasize", mixinStandardHelpOptions = true,
        description = {"Compute the files and bytes a workload needs so that the dataset is at least 5 x the "
                + "clients' memory and gives at least 500 steps per epoch (MLPerf Storage's rule), and print "
                + "the datagen command.",
                "With --ranks N, print instead what each of N ranks writes in every checkpoint of a checkpoint "
                + "workload (files and bytes), writing nothing."})
final class DatasizeCommand implements Callable<Integer> {
    @Mixin
    WorkloadArguments workload = new WorkloadArguments();

    @Option(names = "--client-host-memory-in-gb", paramLabel = "GB",
            description = "Memory of one client host, GiB (dataset sizing).")
    Double memoryGiB;

    @Option(names = "--num-client-hosts", paramLabel = "N", defaultValue = "1", description = "Client hosts (default 1).")
    int hosts;

    @Option(names = "--max-accelerators", paramLabel = "N",
            description = "Emulated accelerators over all hosts (dataset sizing).")
    Integer accelerators;

    @Option(names = "--ranks", paramLabel = "N",
            description = "Ranks of the checkpoint run (checkpoint sizing): every rank's files, and the totals.")
    Integer ranks;

    @Option(names = "--json", description = "With --ranks: print the checkpoint plan as JSON.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        WorkloadConfig config = workload.load(spec.commandLine().getErr());
        if (ranks != null) {
            if (ranks < 1) {
                throw new IllegalArgumentException("--ranks must be at least 1, got " + ranks);
            }
            CheckpointSizing sizing = CheckpointSizing.of(config, ranks);
            if (json) {
                out.println(sizing.toJson());
            } else {
                sizing.lines(config.model().name()).forEach(out::println);
            }
            out.flush();
            return ExitCodes.OK;
        }
        if (json) {
            throw new IllegalArgumentException("--json prints a checkpoint plan; give --ranks N");
        }
        if (memoryGiB == null || accelerators == null) {
            throw new IllegalArgumentException("datasize needs --client-host-memory-in-gb and --max-accelerators "
                    + "(dataset size), or --ranks (checkpoint size)");
        }
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
