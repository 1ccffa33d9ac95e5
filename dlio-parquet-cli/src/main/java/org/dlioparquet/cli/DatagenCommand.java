package org.dlioparquet.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.GenerationListener;
import org.dlioparquet.core.GenerationOptions;
import org.dlioparquet.core.GenerationResult;
import org.dlioparquet.core.RankEnvironment;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.dist.Collective;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlio-parquet datagen}: write the workload's dataset and nothing else. */
@Command(name = "datagen", mixinStandardHelpOptions = true,
        description = {"Generate the workload's dataset (train/ and valid/ in DLIO's layout).",
                "Under mpirun or srun each process writes its share (rank r writes files r, r+P, ...)."})
final class DatagenCommand implements Callable<Integer> {
    @Mixin
    WorkloadArguments workload = new WorkloadArguments();

    @Option(names = {"-t", "--num-threads"}, paramLabel = "N", defaultValue = "0",
            description = "Writer threads (default: dataset.generation_threads, else one per core).")
    int threads;

    @Option(names = "--rank", paramLabel = "R", description = "This process's rank (default: from MPI/Slurm, else 0).")
    Integer rank;

    @Option(names = "--ranks", paramLabel = "P", description = "Processes sharing the work (default: from MPI/Slurm, else 1).")
    Integer ranks;

    @Option(names = "--fsync", description = "Force every file to the device before renaming it into place.")
    boolean fsync;

    @Option(names = "--verify", description = "When resuming, check the CRC32C of files already written, not only "
            + "their size.")
    boolean verify;

    @Option(names = "--overwrite", description = "Regenerate the folder even when it holds a dataset of another workload, "
            + "or files under the dataset's names that no manifest records.")
    boolean overwrite;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "10", hidden = true)
    double progressSeconds;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WorkloadConfig config = workload.load(err);
        // under MPI, MPI itself says the rank (checked against the launcher's variables); Slurm without PMI has only those
        Collective job = rank == null && ranks == null ? LaunchedJob.collective() : null;
        RankEnvironment env = job != null && job.size() > 1
                ? new RankEnvironment(job.rank(), job.size(), job.description()) : RankEnvironment.detect();
        int p = ranks != null ? ranks : env.ranks();
        int r = rank != null ? rank : (ranks != null ? 0 : env.rank());
        // checks --rank, --ranks and --num-threads before anything is printed
        GenerationOptions options = new GenerationOptions(r, p, threads, fsync, GenerationListener.NONE)
                .withVerify(verify).withOverwrite(overwrite);
        boolean terminal = System.console() != null;
        long interval = terminal ? 250 : Math.max(100, (long) (progressSeconds * 1000));
        GenerationResult result;
        try (ProgressPrinter progress = new ProgressPrinter(out, terminal, interval)) {
            out.println("Generating " + config.dataset().format() + " dataset in " + config.dataFolderName()
                    + (p > 1 ? " (rank " + r + " of " + p + (ranks == null ? ", from " + env.from() : "") + ")" : ""));
            result = Dlio.generate(config, options.withListener(progress));
        }
        if (!result.takenOverLock().isEmpty()) {
            out.println("Took over the lock of a generation that died (" + result.takenOverLock() + ")");
        }
        out.println(result.summaryLine(verify));
        out.flush();
        if (job != null && job.size() > 1) {
            job.barrier(); // the dataset is complete once every rank has written its share
            if (job.rank() == 0) {
                out.println("All " + job.size() + " ranks have written their share of the dataset");
                out.flush();
            }
        }
        return ExitCodes.OK;
    }
}
