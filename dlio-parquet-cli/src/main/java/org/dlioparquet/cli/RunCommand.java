package org.dlioparquet.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.DlioException;
import org.dlioparquet.core.RunListener;
import org.dlioparquet.core.RunMonitoring;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.RunResult;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.dist.Collective;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlio-parquet run}: the workload's workflow, as {@code dlio_benchmark} runs it. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the workload's workflow (generate_data, train, evaluation) and report AU, "
                + "throughput and latency.",
                "Example: dlio-parquet run workload.yaml ++workload.reader.batch_size=8 dataset.num_files_train=64",
                "Under mpirun or srun (MPI) the P processes of -n K accelerators each run as P x K accelerators of one "
                        + "job; rank 0 writes summary.json."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    WorkloadArguments workload = new WorkloadArguments();

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Folder for summary.json and the other result files (default: output.folder, "
                    + "else output/<model>/<time>).")
    Path output;

    @Option(names = "--json", description = "Print summary.json to stdout instead of the [METRIC] block; "
            + "progress goes to stderr.")
    boolean json;

    @Option(names = "--require-au", description = "Exit with 5 when the mean AU of training or of evaluation misses "
            + "the AU expectation (metric.au); with 2 when the run measured neither.")
    boolean requireAu;

    @Option(names = {"-n", "--accelerators"}, paramLabel = "N", defaultValue = "1",
            description = "Emulated accelerators in this process (DLIO's MPI ranks on one host; default ${DEFAULT-VALUE}); "
                    + "under mpirun -np P the job has P x N.")
    int accelerators;

    @Option(names = "--rank-offset", paramLabel = "R", defaultValue = "0",
            description = "Global rank of this process's first accelerator, for runs over several hosts that do not "
                    + "meet (no MPI); under mpirun it is MPI's rank x --accelerators.")
    int rankOffset;

    @Option(names = "--world-size", paramLabel = "W",
            description = "Accelerators over all hosts (default: --accelerators).")
    Integer worldSize;

    @Option(names = "--no-report", description = "Do not write report.html in the output folder at the end.")
    boolean noReport;

    @Option(names = "--progress-interval", paramLabel = "SECONDS",
            description = "Seconds between progress reports of rank 0 (epoch, step, samples/s, MB/s, ETA); "
                    + "default 1 on a terminal, where the line is redrawn in place, else 10; 0 for none.")
    Double progressSeconds;

    @Option(names = "--stall-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "When an accelerator has waited this long for a batch, print what its reader threads are "
                    + "doing (file, samples, offset), again every SECONDS while it lasts; 0 for never "
                    + "(default ${DEFAULT-VALUE}).")
    double stallSeconds;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** What the options say about progress, stall reports and report.html. */
    RunMonitoring monitoring(boolean terminal) {
        double every = progressSeconds != null ? progressSeconds : terminal ? 1 : 10;
        if (every < 0 || stallSeconds < 0) {
            throw new IllegalArgumentException("--progress-interval and --stall-timeout must be >= 0 seconds");
        }
        return new RunMonitoring(!noReport, Duration.ofMillis(Math.round(every * 1000)),
                Duration.ofMillis(Math.round(stallSeconds * 1000)));
    }

    /** A process of rank > 0 prints only what its watchdog says ("rank R of P: no progress for ..."). */
    private static RunListener stallReportsOnly(PrintWriter err, int rank) {
        String mine = "rank " + rank + " of ";
        return new RunListener() {
            @Override
            public void message(String line) {
                if (line.startsWith(mine)) {
                    synchronized (err) {
                        err.println("dlio-parquet: " + line);
                        err.flush();
                    }
                }
            }
        };
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WorkloadConfig config = workload.loadQuietly(); // the run's log prints the warnings
        PrintWriter progress = json ? err : out;
        Collective job = LaunchedJob.collective();
        int world = worldSize == null ? accelerators : worldSize;
        int offset = rankOffset;
        if (job.size() > 1) {
            if (worldSize != null || rankOffset != 0) {
                throw new IllegalArgumentException("--rank-offset and --world-size come from MPI under mpirun (rank "
                        + job.rank() + " of " + job.size() + "); leave them out");
            }
            offset = job.rank() * accelerators;
            world = job.size() * accelerators;
        }
        // the core checks these too (RunOptions), but in its own terms ("ranks 0..1 do not fit a world of 1");
        // only the options a user typed are named here. --accelerators < 1 is left to the core's message.
        if (rankOffset < 0) {
            throw new IllegalArgumentException("--rank-offset must be >= 0, got " + rankOffset);
        }
        if (accelerators >= 1 && rankOffset + accelerators > world) {
            throw new IllegalArgumentException("--rank-offset " + rankOffset + " + --accelerators " + accelerators
                    + " exceeds --world-size " + world);
        }
        boolean terminal = System.console() != null;
        RunProgressPrinter printer = new RunProgressPrinter(progress, terminal, !json);
        // one console for the job: the processes of rank > 0 write their files and log, and print errors and
        // stall reports only
        RunOptions options = RunOptions.defaults().withRanks(accelerators, offset, world)
                .withOutputFolder(output)
                .withListener(job.rank() == 0 ? printer : stallReportsOnly(err, job.rank()))
                .withMonitoring(monitoring(terminal))
                .withCollective(job);
        RunResult result;
        SignalInterrupts signals = SignalInterrupts.install(Thread.currentThread());
        try {
            result = Dlio.run(config, options);
        } catch (IOException | RuntimeException e) {
            Optional<Integer> code = signals.exitCode();
            if (code.isEmpty()) {
                throw e;
            }
            printer.clear();
            // stopped on purpose: one line, and the shell's code for the signal
            err.println("dlio-parquet: " + signals.signalName().orElseThrow() + ": " + Dlio.classify(e).message());
            err.flush();
            return code.get();
        } finally {
            signals.close();
            Thread.interrupted(); // a signal that came as the run ended changes nothing more
            printer.clear();
        }
        if (json && job.rank() == 0) {
            Path summary = result.outputFolder().resolve("summary.json");
            if (!Files.isRegularFile(summary)) {
                throw new DlioException("--json: the run wrote no summary.json in " + result.outputFolder()
                        + " (only the process with --rank-offset 0 writes it, and only when the workflow trains, "
                        + "evaluates or checkpoints)");
            }
            out.println(Files.readString(summary, StandardCharsets.UTF_8));
        }
        out.flush();
        if (requireAu) {
            Optional<String> shortfall = result.auShortfall();
            if (shortfall.isPresent()) {
                err.println("dlio-parquet: " + shortfall.get());
                err.flush();
                return ExitCodes.AU_NOT_MET;
            }
        }
        return ExitCodes.OK;
    }
}
