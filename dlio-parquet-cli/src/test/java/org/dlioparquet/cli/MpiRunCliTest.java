package org.dlioparquet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.assertj.core.data.Offset;
import org.dlioparquet.core.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mpirun -np 2 dlio-parquet ...} as users launch it: real Open MPI and MPICH launchers over
 * JVMs running the command line's main (Debian's {@code openmpi-bin} and {@code mpich}; {@code
 * .ci/run} installs them; without them the tests fail rather than skip). Each process runs two
 * accelerators, so the job has four.
 */
class MpiRunCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 180;
    private static final int FILES = 8;
    private static final int SAMPLES_PER_FILE = 8;

    @TempDir
    Path dir;

    @Test
    void twoRanksGenerateEachFileOnceThenRunAsOneJobOfFourAcceleratorsWithOneSummary() throws Exception {
        Path workload = workload("random");
        Job datagen = mpirun(Launcher.OPEN_MPI, twice("datagen", workload.toString()));
        assertThat(datagen.exit()).as(datagen.log()).isZero();
        assertThat(datagen.log()).contains("(rank 0 of 2, from Open MPI").contains("(rank 1 of 2, from Open MPI")
                .contains("All 2 ranks have written their share of the dataset");
        // each rank wrote its half: together every file, once
        assertThat(datagen.log().split("Wrote 4 files", -1)).hasSize(3);
        try (var files = Files.list(dir.resolve("data/train"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".parquet")).count()).isEqualTo(FILES);
        }

        Path out = dir.resolve("out");
        Job run = mpirun(Launcher.OPEN_MPI, twice("run", workload.toString(), "-n", "2", "-o", out.toString()));
        assertThat(run.exit()).as(run.log()).isZero();
        // one METRIC block, rank 0's, for the whole job
        assertThat(run.log().split("Number of Simulated Accelerators: 4", -1)).as(run.log()).hasSize(2);
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("num_accelerators").asInt()).isEqualTo(4);
        assertThat(summary.path("dlio_parquet").path("hosts")).hasSize(1); // both processes on this host
        long storage = 0;
        for (int rank = 0; rank < 4; rank++) {
            JsonNode stats = JSON.readTree(out.resolve(rank + "_per_epoch_stats.json").toFile());
            assertThat(stats.path("1").path("samples").asLong()).isEqualTo(FILES * SAMPLES_PER_FILE / 4);
            storage += stats.path("1").path("storage_bytes").asLong() + stats.path("2").path("storage_bytes").asLong();
            assertThat(out.resolve(rank + "_output.json")).isRegularFile();
        }
        // the summary adds up every process's accelerators, not only rank 0's two
        assertThat(summary.path("dlio_parquet").path("train_storage_bytes").asLong()).isEqualTo(storage);
        // shuffle: random on both processes, and still each sample read exactly once per epoch over the
        // four accelerators: both processes shuffled with rank 0's seed
        for (int epoch = 1; epoch <= 2; epoch++) {
            Map<Long, Integer> reads = new HashMap<>();
            for (Map.Entry<Integer, TreeSet<Long>> rank : samplesRead(out, 4, epoch).entrySet()) {
                rank.getValue().forEach(s -> reads.merge(s, 1, Integer::sum));
            }
            assertThat(reads).as("epoch %d", epoch).hasSize(FILES * SAMPLES_PER_FILE);
            assertThat(reads.values()).as("epoch %d", epoch).containsOnly(1);
        }
    }

    @Test
    void twoMpichProcessesOfTwoReadWhatOneProcessOfFourReadsWithSeedShuffles() throws Exception {
        Path workload = workload("seed");
        CliTestSupport.Result generated = CliTestSupport.run("datagen", workload.toString());
        assertThat(generated.code()).as(generated.err()).isZero();
        Path alone = dir.resolve("alone");
        CliTestSupport.Result local = CliTestSupport.run("run", workload.toString(), "-n", "4", "-o", alone.toString());
        assertThat(local.code()).as(local.err()).isZero();

        Path job = dir.resolve("job");
        Job run = mpirun(Launcher.MPICH, twice("run", workload.toString(), "-n", "2", "-o", job.toString()));
        assertThat(run.exit()).as(run.log()).isZero();
        assertThat(JSON.readTree(job.resolve("summary.json").toFile()).path("num_accelerators").asInt()).isEqualTo(4);
        for (int epoch = 1; epoch <= 2; epoch++) {
            Map<Integer, TreeSet<Long>> expected = samplesRead(alone, 4, epoch);
            assertThat(expected.values()).allSatisfy(s -> assertThat(s).hasSize(FILES * SAMPLES_PER_FILE / 4));
            assertThat(samplesRead(job, 4, epoch)).as("epoch %d", epoch).isEqualTo(expected);
        }
    }

    @Test
    void processesThatLoadedDifferentWorkloadsRefuseInOneLineBeforeWritingResults() throws Exception {
        Path workload = workload("seed");
        Path out = dir.resolve("out");
        List<String> run = List.of("run", workload.toString(), "-n", "1", "-o", out.toString());
        List<String> longer = new ArrayList<>(run);
        longer.add("train.epochs=3");
        Job job = mpirun(Launcher.OPEN_MPI, List.of(run, longer));
        assertThat(job.exit()).as(job.log()).isNotZero();
        assertThat(job.log()).containsPattern("dlio-parquet: the processes of this job loaded different workloads: "
                + "rank 1's \\(1 accelerator\\(s\\), workload [0-9a-f]{12}\\) is not rank 0's \\(1 accelerator\\(s\\), "
                + "workload [0-9a-f]{12}\\); give every process the same workload file, overrides and --accelerators");
        assertThat(out.resolve("summary.json")).doesNotExist();
    }

    @Test
    void aRankThatFailsOnACorruptFileEndsTheWholeJobNamingItselfAndTheFile() throws Exception {
        Path workload = workload("off");
        CliTestSupport.Result generated = CliTestSupport.run("datagen", workload.toString());
        assertThat(generated.code()).as(generated.err()).isZero();
        // the same size, so that only reading it finds out: the accelerator reading the last file fails
        Path corrupt = dir.resolve("data/train/img_7_of_8.parquet");
        Files.write(corrupt, new byte[(int) Files.size(corrupt)]);

        Job run = mpirun(Launcher.OPEN_MPI, twice("run", workload.toString(), "-n", "2", "-o", dir.resolve("out").toString()));
        // the data error's exit code, not a hang of the rank that waits at the step barrier for it
        assertThat(run.exit()).as(run.log()).isEqualTo(ExitCodes.DATA);
        assertThat(run.log()).containsPattern("dlio-parquet: rank 1 of 2 \\(host [^)]+\\) failed: .*img_7_of_8\\.parquet");
        assertThat(dir.resolve("out/summary.json")).doesNotExist();
    }

    @Test
    void mpichsLauncherWithOpenMpisLibraryIsAOneLineErrorOnEveryRankNotTwoRunsOfOne() throws Exception {
        Path workload = workload("seed");
        Path out = dir.resolve("out");
        Job job = mpirun(Launcher.MPICH, twice("run", workload.toString(), "-o", out.toString()),
                Map.of("DLIO_MPI_LIB", "libmpi.so.40"));
        assertThat(job.exit()).as(job.log()).isEqualTo(ExitCodes.USAGE);
        for (int rank = 0; rank < 2; rank++) {
            assertThat(job.log()).contains("dlio-parquet: the launcher started this process as rank " + rank
                    + " of 2 (PMI_RANK/PMI_SIZE) but ");
        }
        assertThat(job.log()).contains("sees rank 0 of 1: the library is not the launcher's MPI")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out).doesNotExist();
    }

    /** A Parquet workload of {@value FILES} files of {@value SAMPLES_PER_FILE} samples, traced per sample. */
    @Test
    void checkpointsOfTwoProcessesSaveEveryRanksFilesAndReportTheJobsSlowestRank() throws Exception {
        Path out = dir.resolve("ckpt-out");
        Path ckpt = dir.resolve("ckpt");
        Job job = mpirun(Launcher.OPEN_MPI, twice("run", CliTestSupport.fixture("dlio-workloads/llama_7b.yaml").toString(),
                "model.num_layers=2", "model.transformer.hidden_size=256", "model.transformer.ffn_hidden_size=1024",
                "model.transformer.vocab_size=1000", "model.transformer.num_attention_heads=8",
                "model.transformer.num_kv_heads=4", "model.parallelism.tensor=1", "model.parallelism.pipeline=1",
                "checkpoint.num_checkpoints_write=1", "checkpoint.num_checkpoints_read=1",
                "checkpoint.time_between_checkpoints=0", "checkpoint.checkpoint_folder=" + ckpt, "-n", "2",
                "--no-report", "-o", out.toString()));

        assertThat(job.exit()).as(job.log()).isZero();
        // rank 0 reports the job: four ranks, of which the slowest sets the time
        assertThat(job.log()).containsPattern("Finished saving checkpoint 1 \\(global_epoch1_step1\\) in [0-9.]+ s: "
                + "[0-9]+ bytes \\([0-9.]+ GiB\\), [0-9.]+ GiB/s \\(slowest of 4 ranks: rank [0-3]\\)")
                .contains("Finished loading checkpoint 1 (global_epoch1_step1)");
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("metric").path("save_checkpoint_io_mean_GB_per_second").asDouble()).isPositive();
        long onDisk = 0;
        for (int rank = 0; rank < 4; rank++) {
            JsonNode stats = JSON.readTree(out.resolve(rank + "_per_epoch_stats.json").toFile());
            assertThat(stats.toString()).as("rank %d", rank).contains("save_ckpt1", "load_ckpt1");
        }
        try (var files = Files.walk(ckpt.resolve("global_epoch1_step1"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                onDisk += Files.size(f);
            }
        }
        // the job's checkpoint: the size summary.json reports is every rank's files, both processes'
        assertThat(onDisk / 1073741824.0).isCloseTo(summary.path("metric").path("checkpoint_size_GB").asDouble(),
                Offset.offset(1e-6));
    }

    @Test
    void threeRanksGenerateTheBytesOneProcessGenerates() throws Exception {
        Path workload = workload("seed");
        Job datagen = mpirun(Launcher.OPEN_MPI, List.of(List.of("datagen", workload.toString()),
                List.of("datagen", workload.toString()), List.of("datagen", workload.toString())));
        assertThat(datagen.exit()).as(datagen.log()).isZero();
        assertThat(datagen.log()).contains("All 3 ranks have written their share of the dataset");
        Map<String, byte[]> byThree = dataFiles(dir.resolve("data/train"));

        try (var all = Files.walk(dir.resolve("data"))) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        CliTestSupport.Result one = CliTestSupport.run("datagen", workload.toString());
        assertThat(one.code()).as(one.err()).isZero();
        Map<String, byte[]> byOne = dataFiles(dir.resolve("data/train"));

        assertThat(byThree.keySet()).hasSize(FILES).isEqualTo(byOne.keySet());
        byOne.forEach((name, bytes) -> assertThat(byThree.get(name)).as(name).isEqualTo(bytes));
    }

    private static Map<String, byte[]> dataFiles(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (var list = Files.list(folder)) {
            for (Path f : list.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                files.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return files;
    }

    private Path workload(String shuffle) throws IOException {
        Path yaml = dir.resolve("w.yaml");
        Files.writeString(yaml, """
                model: {name: mpi}
                workflow: {generate_data: False, train: True, profiling: True}
                dataset:
                  data_folder: %s
                  format: parquet
                  num_files_train: %d
                  num_samples_per_file: %d
                  record_length_bytes: 2048
                  parquet: {row_group_size: 4}
                reader: {batch_size: 4, read_threads: 1, file_shuffle: %s, sample_shuffle: %s}
                train: {epochs: 2, seed_change_epoch: True}
                """.formatted(dir.resolve("data"), FILES, SAMPLES_PER_FILE, shuffle, shuffle));
        return yaml;
    }

    /** The samples each rank's trace says it read in {@code epoch} ({@code item} events: first sample and count). */
    private static Map<Integer, TreeSet<Long>> samplesRead(Path out, int ranks, int epoch) throws IOException {
        Map<Integer, TreeSet<Long>> read = new TreeMap<>();
        for (int rank = 0; rank < ranks; rank++) {
            TreeSet<Long> samples = new TreeSet<>();
            Path trace = out.resolve("trace-" + rank + "-of-" + ranks + ".pfw.gz");
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(trace)), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String event = line.strip();
                    if (!event.startsWith("{")) {
                        continue;
                    }
                    JsonNode e = JSON.readTree(event.endsWith(",") ? event.substring(0, event.length() - 1) : event);
                    JsonNode args = e.path("args");
                    if (e.path("name").asText().equals("item") && args.path("epoch").asInt() == epoch) {
                        for (long s = 0; s < args.path("count").asLong(); s++) {
                            samples.add(args.path("image_idx").asLong() + s);
                        }
                    }
                }
            }
            read.put(rank, samples);
        }
        return read;
    }

    private enum Launcher {
        OPEN_MPI("mpirun.openmpi", "openmpi-bin", List.of("--oversubscribe")),
        MPICH("mpirun.mpich", "mpich", List.of());

        final String command;
        final String debianPackage;
        final List<String> options;

        Launcher(String command, String debianPackage, List<String> options) {
            this.command = command;
            this.debianPackage = debianPackage;
            this.options = options;
        }
    }

    private record Job(int exit, String log) {
    }

    /** Two processes with the same command line. */
    private static List<List<String>> twice(String... args) {
        return List.of(List.of(args), List.of(args));
    }

    /** {@code mpirun} of one process per argument list (MPI's "a : b" form), each running the command line. */
    private Job mpirun(Launcher launcher, List<List<String>> perRank) throws Exception {
        return mpirun(launcher, perRank, Map.of());
    }

    private Job mpirun(Launcher launcher, List<List<String>> perRank, Map<String, String> env) throws Exception {
        Path mpirun = onPath(launcher.command);
        if (mpirun == null) {
            fail(launcher.command + " is not on the PATH: install Debian's " + launcher.debianPackage
                    + " (.ci/run does); the MPI tests do not skip");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(mpirun.toString());
        cmd.addAll(launcher.options);
        for (int r = 0; r < perRank.size(); r++) {
            if (r > 0) {
                cmd.add(":");
            }
            cmd.addAll(List.of("-np", "1"));
            cmd.addAll(ChildJvm.command(DlioParquetCli.class, perRank.get(r).toArray(String[]::new)));
        }
        Path log = Files.createTempFile(dir, "mpirun-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().remove("DLIO_MPI_LIB");
        pb.environment().remove("UCX_ERROR_SIGNALS");
        // tests run as root in CI; Open MPI refuses root without both
        pb.environment().put("OMPI_ALLOW_RUN_AS_ROOT", "1");
        pb.environment().put("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("mpirun still running after " + TIMEOUT_SECONDS + " s:\n" + Files.readString(log));
        }
        return new Job(p.exitValue(), Files.readString(log));
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
