package org.dlioparquet.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dlioparquet.cli.DlioParquetCli;

/**
 * What running as MPI processes costs, with Open MPI's {@code mpirun}: a training-step barrier
 * through the runner's {@code StepBarrier} (two accelerator threads per process) against a bare
 * {@code MPI_Barrier} at 1, 2 and 3 processes, and the same training run as two MPI processes of
 * one accelerator against one process of two accelerators (threads).
 */
final class MpiBench {
    static final List<Integer> PROCESSES = List.of(1, 2, 3);
    static final int STEPS = 2000;
    static final List<String> HEADER = List.of("case", "processes", "ours (µs per step, or samples/s)",
            "reference", "ratio (reference / ours)", "AU % ours", "AU % reference");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_MPIRUN = "mpirun.openmpi is not installed (Debian: apt-get install openmpi-bin)";

    private final BenchContext context;

    MpiBench(BenchContext context) {
        this.context = context;
    }

    static List<String> caseNames() {
        List<String> names = new ArrayList<>();
        for (int p : PROCESSES) {
            names.add(barrierName(p));
        }
        names.add(RUN_NAME);
        return names;
    }

    static final String RUN_NAME = "training, 2 MPI processes x 1 accelerator vs 1 process x 2";

    static String barrierName(int processes) {
        return "step barrier, " + processes + (processes == 1 ? " process" : " processes") + " x 2 threads";
    }

    SectionResult run() throws IOException {
        MarkdownTable table = new MarkdownTable(HEADER);
        List<CaseOutcome> outcomes = new ArrayList<>();
        Path mpirun = onPath("mpirun.openmpi");
        for (int p : PROCESSES) {
            String name = barrierName(p);
            context.progress("bench: " + name);
            CaseOutcome o;
            try {
                if (mpirun == null) {
                    throw new IOException(NO_MPIRUN);
                }
                double ours = barrier(mpirun, p, 2);
                double bare = barrier(mpirun, p, 0);
                o = outcome(name, ours, bare);
                table.row(List.of(name, Integer.toString(p), MarkdownTable.number(ours), MarkdownTable.number(bare),
                        MarkdownTable.number(bare / ours), "-", "-"));
            } catch (IOException e) {
                o = CaseOutcome.failed(name, e.getMessage(), ChildMemory.UNKNOWN);
                table.row(failed(name, e.getMessage()));
            }
            outcomes.add(o);
        }
        context.progress("bench: " + RUN_NAME);
        CaseOutcome run;
        try {
            if (mpirun == null) {
                throw new IOException(NO_MPIRUN);
            }
            Path data = context.folder("mpi");
            Path workload = workload(data);
            JsonNode viaMpi = runJob(List.of(mpirun.toString(), "--oversubscribe", "-np", "2"), workload, 1,
                    data.resolve("out-mpi"));
            JsonNode threads = runJob(List.of(), workload, 2, data.resolve("out-threads"));
            double mpiRate = metric(viaMpi, "train_throughput_mean_samples_per_second");
            double threadRate = metric(threads, "train_throughput_mean_samples_per_second");
            run = outcome(RUN_NAME, mpiRate, threadRate);
            table.row(List.of(RUN_NAME, "2", MarkdownTable.number(mpiRate), MarkdownTable.number(threadRate),
                    MarkdownTable.number(threadRate / mpiRate),
                    MarkdownTable.number(metric(viaMpi, "train_au_mean_percentage")),
                    MarkdownTable.number(metric(threads, "train_au_mean_percentage"))));
            FileTrees.delete(data);
        } catch (IOException e) {
            run = CaseOutcome.failed(RUN_NAME, e.getMessage(), ChildMemory.UNKNOWN);
            table.row(failed(RUN_NAME, e.getMessage()));
        }
        outcomes.add(run);
        return new SectionResult("MPI", List.of(
                "Open MPI's `mpirun --oversubscribe -np P` on this host. Step barrier: " + STEPS + " training-step "
                        + "barriers after a warm-up through the runner's `StepBarrier` (two accelerator threads per "
                        + "process meet, then the processes meet in MPI_Barrier), the slowest process's mean per step; "
                        + "reference: bare `MPI_Barrier` calls, one thread per process.",
                "Training: the same workload (Parquet, `computation_time: 0.002`, 64 steps per accelerator) run "
                        + "by `mpirun -np 2 dlio-parquet run -n 1` and by `dlio-parquet run -n 2`: samples/s and AU of "
                        + "the job from rank 0's summary.json."), table, outcomes);
    }

    private static List<String> failed(String name, String why) {
        return List.of(name, "failed: " + why, "-", "-", "-", "-", "-");
    }

    private static CaseOutcome outcome(String name, double ours, double reference) {
        RepMeasure m = RepMeasure.of(Map.of(RepMeasure.MIBPS, ours));
        RepMeasure b = RepMeasure.of(Map.of(RepMeasure.MIBPS, reference));
        return new CaseOutcome(name, m, List.of(m), List.of(b), ChildMemory.UNKNOWN, null);
    }

    private double barrier(Path mpirun, int processes, int threads) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(mpirun.toString(), "--oversubscribe", "-np",
                Integer.toString(processes)));
        cmd.addAll(java(BarrierChild.class.getName(), Integer.toString(STEPS), Integer.toString(threads)));
        String out = execute(cmd);
        for (String line : out.lines().toList()) {
            if (line.startsWith("micros=")) {
                return Double.parseDouble(line.substring(7));
            }
        }
        throw new IOException("the barrier ranks printed no result: " + out.lines().reduce((a, b) -> b).orElse(""));
    }

    private JsonNode runJob(List<String> launcher, Path workload, int accelerators, Path output) throws IOException {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(java(DlioParquetCli.class.getName(), "run", workload.toString(), "-n",
                Integer.toString(accelerators), "--no-report", "-o", output.toString()));
        execute(cmd);
        return JSON.readTree(output.resolve("summary.json").toFile());
    }

    private static double metric(JsonNode summary, String key) throws IOException {
        JsonNode v = summary.path("metric").path(key);
        if (!v.isNumber()) {
            throw new IOException("summary.json has no metric." + key);
        }
        return v.asDouble();
    }

    private Path workload(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path yaml = folder.resolve("mpi.yaml");
        Files.writeString(yaml, """
                model: {name: mpibench}
                workflow: {generate_data: False, train: True}
                dataset: {format: parquet, data_folder: %s, num_files_train: 16, num_samples_per_file: 64,
                          record_length_bytes: 65536, parquet: {row_group_size: 16}}
                reader: {batch_size: 8, read_threads: 1}
                train: {epochs: 1, computation_time: 0.002}
                """.formatted(folder.resolve("data")), StandardCharsets.UTF_8);
        context.prepare(null, new Overrides().put("dataset.format", "parquet").path("dataset.data_folder",
                folder.resolve("data")).put("dataset.num_files_train", 16).put("dataset.num_samples_per_file", 64)
                .put("dataset.record_length_bytes", 65536).put("dataset.parquet.row_group_size", 16).list(),
                folder.resolve("data"));
        return yaml;
    }

    /** A child JVM like the other cases' (the bench's --jvm-opt included). */
    private List<String> java(String main, String... args) {
        return ChildCase.java(context.options().jvmOptions(), main, args);
    }

    private static String execute(List<String> cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // Open MPI refuses root without both (CI runs as root)
        pb.environment().put("OMPI_ALLOW_RUN_AS_ROOT", "1");
        pb.environment().put("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ": "
                        + out.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse(""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }

    private static Path onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
