package org.dlioparquet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.dist.Collective;
import org.dlioparquet.core.dist.LocalCollective;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs as processes of one job, each process a member of an in-JVM {@link LocalCollective} group
 * (the same seam MPI fills under {@code mpirun}; {@code MpiRunCliTest} launches real MPI): two
 * processes of two accelerators must give what one process of four gives.
 */
class JobOfProcessesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /**
     * {@code sample_shuffle: seed}, not {@code random}: a random order is drawn afresh each run, and the
     * bytes a file's reads take depend on the order of its rows (a row group entered at a later row
     * reads its offset index first), so only the same order reads the same bytes in both runs.
     * {@code MpiRunCliTest} checks that the processes of one job share rank 0's random order.
     */
    private WorkloadConfig workload(String... overrides) {
        return new WorkloadLoader().baseDirectory(dir).load("""
                model: {name: job}
                workflow: {generate_data: True, train: True, evaluation: True}
                dataset: {format: parquet, num_files_train: 8, num_files_eval: 4, num_samples_per_file: 8,
                          record_length_bytes: 2048, parquet: {row_group_size: 4}}
                reader: {batch_size: 4, batch_size_eval: 4, read_threads: 1, sample_shuffle: seed}
                train: {epochs: 2, computation_time: 0.001}
                """, "job.yaml", List.of(overrides));
    }

    @Test
    void twoProcessesOfTwoAcceleratorsSummariseAllFourAsOneProcessOfFourDoes() throws Exception {
        Path jobOut = dir.resolve("job");
        List<RunResult> results = asProcesses(2, (c, r) -> Dlio.run(workload(), RunOptions.defaults()
                .withRanks(2, 2 * r, 4).withOutputFolder(jobOut).withCollective(c)));
        Path aloneOut = dir.resolve("alone");
        Dlio.run(workload(), RunOptions.defaults().withAccelerators(4).withOutputFolder(aloneOut));

        JsonNode job = JSON.readTree(jobOut.resolve("summary.json").toFile());
        JsonNode alone = JSON.readTree(aloneOut.resolve("summary.json").toFile());
        assertThat(job.path("num_accelerators").asInt()).isEqualTo(4);
        for (String key : List.of("train_storage_bytes", "eval_storage_bytes")) {
            assertThat(job.path("dlio_parquet").path(key).asLong()).as(key).isPositive()
                    .isEqualTo(alone.path("dlio_parquet").path(key).asLong());
        }
        // both processes hold the whole job's epochs: every sample of both splits, read once
        for (RunResult result : results) {
            assertThat(result.summary().numAccelerators()).isEqualTo(4);
            assertThat(result.summary().epochs()).hasSize(2).allSatisfy(e -> {
                assertThat(e.train().samples()).isEqualTo(64);
                assertThat(e.eval().samples()).isEqualTo(32);
            });
        }
        // latency histograms merged at rank 0: every sample of every process counted
        assertThat(results.get(0).summary().trainSampleLatency().count())
                .isEqualTo(results.get(0).summary().epochs().stream().mapToLong(e -> e.train().samples()).sum());
        // both processes on this host: its cores count once, its name once
        assertThat(results.get(0).summary().jobCpuCount()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(job.path("dlio_parquet").path("hosts")).hasSize(1);
        for (int rank = 0; rank < 4; rank++) {
            assertThat(jobOut.resolve(rank + "_per_epoch_stats.json")).isRegularFile();
            assertThat(jobOut.resolve(rank + "_output.json")).isRegularFile();
        }
        try (var files = Files.list(dir.resolve("data/train"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".parquet")).count()).isEqualTo(8);
        }
    }

    @Test
    void processesWithDifferentWorkloadsEachRefuseInOneLineBeforeWritingAnything() throws Exception {
        Path out = dir.resolve("out");
        List<Throwable> errors = new ArrayList<>();
        List<Future<RunResult>> runs = start(2, (c, r) -> Dlio.run(r == 0 ? workload() : workload("train.epochs=3"),
                RunOptions.defaults().withRanks(1, r, 2).withOutputFolder(out).withCollective(c)));
        for (Future<RunResult> f : runs) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                errors.add(e.getCause());
            }
        }
        assertThat(errors).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOf(DlioException.class)
                .hasMessageMatching("the processes of this job loaded different workloads: rank 1's \\(1 accelerator\\(s\\), "
                        + "workload [0-9a-f]{12}\\) is not rank 0's \\(1 accelerator\\(s\\), workload [0-9a-f]{12}\\); "
                        + "give every process the same workload file, overrides and --accelerators"));
        assertThat(out).doesNotExist();
    }

    @Test
    void processesWhoseAcceleratorsAreNotTheirShareOfTheJobRefuse() throws Exception {
        Path out = dir.resolve("out");
        // both processes claim accelerator 0 of a world of 1
        List<Future<RunResult>> runs = start(2, (c, r) -> Dlio.run(workload(),
                RunOptions.defaults().withAccelerators(1).withOutputFolder(out).withCollective(c)));
        for (Future<RunResult> f : runs) {
            assertThatThrownBy(() -> f.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(DlioException.class)
                    .cause().hasMessage("process 0 of this job of 2 runs accelerators 0.. of a world of 1, not its "
                            + "share 0..0 of 2: give each process withRanks(k, rank * k, size * k)");
        }
        assertThat(out).doesNotExist();
    }

    @Test
    void aProcessWaitingForALateOneSaysOnWhichBarrierAndForWhom() throws Exception {
        List<String> said = new CopyOnWriteArrayList<>();
        RunMonitoring stallAfterOneSecond = new RunMonitoring(false, Duration.ZERO, Duration.ofSeconds(1));
        asProcesses(2, (c, r) -> Dlio.run(workload("train.epochs=1"), RunOptions.defaults().withRanks(1, r, 2)
                .withOutputFolder(dir.resolve("out")).withMonitoring(stallAfterOneSecond).withCollective(c)
                .withListener(new RunListener() {
                    @Override
                    public void message(String line) {
                        said.add(r + ": " + line);
                        if (r == 1 && line.startsWith("Running job")) {
                            sleep(3000); // the second process is late to its first step
                        }
                    }
                })));
        assertThat(said).anySatisfy(line -> assertThat(line).matches("0: rank 0 of 2: no progress for \\d+\\.\\d s "
                + "\\(last: start\\); dlio-accelerator-0 waits \\d+\\.\\d s on the step barrier \\(trip 1\\): "
                + "all 1 local accelerators arrived, waiting for the other 1 process\\(es\\) of the job"));
        assertThat(said).noneSatisfy(line -> assertThat(line).startsWith("1: rank 1 of 2: no progress"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Process {
        RunResult run(Collective c, int rank) throws Exception;
    }

    private List<RunResult> asProcesses(int size, Process body) throws Exception {
        List<RunResult> out = new ArrayList<>();
        for (Future<RunResult> f : start(size, body)) {
            out.add(f.get(120, TimeUnit.SECONDS));
        }
        return out;
    }

    private List<Future<RunResult>> start(int size, Process body) {
        List<Future<RunResult>> futures = new ArrayList<>();
        List<Collective> group = LocalCollective.group(size);
        for (int r = 0; r < size; r++) {
            Collective c = group.get(r);
            int rank = r;
            futures.add(pool.submit(() -> {
                try (c) {
                    RunResult result = body.run(c, rank);
                    c.complete();
                    return result;
                }
            }));
        }
        return futures;
    }
}
