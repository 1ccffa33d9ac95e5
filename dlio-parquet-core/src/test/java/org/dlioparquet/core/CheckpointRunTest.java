package org.dlioparquet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.dlioparquet.core.checkpoint.CheckpointTesting.smallLlama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.dlioparquet.core.checkpoint.CheckpointFile;
import org.dlioparquet.core.checkpoint.CheckpointPlan;
import org.dlioparquet.core.config.ConfigException;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.metrics.CheckpointOp;
import org.dlioparquet.core.metrics.CheckpointSummary;
import org.dlioparquet.core.metrics.JobCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint workloads run end to end through {@link Dlio#run}: checkpoint-only, and saves during training. */
class CheckpointRunTest {
    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    private RunOptions twoAccelerators() {
        return RunOptions.defaults().withAccelerators(2).withOutputFolder(dir.resolve("out"))
                .withListener(new RunListener() {
                    @Override
                    public void message(String line) {
                        lines.add(line);
                    }
                });
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private JsonNode json(String file) throws IOException {
        return JSON.readTree(dir.resolve("out").resolve(file).toFile());
    }

    @Test
    void checkpointOnlyWritesThePlannedFilesLoadsEveryByteAndReportsDliosKeys() throws IOException {
        WorkloadConfig c = smallLlama(dir, "checkpoint.num_checkpoints_write=2", "checkpoint.num_checkpoints_read=2",
                "checkpoint.verify=True", "checkpoint.fsync=True");
        CheckpointPlan plan = CheckpointPlan.of(c, 2);

        RunResult result = Dlio.run(c, twoAccelerators());

        assertThat(names(dir.resolve("ckpt"))).containsExactly("global_epoch1_step1", "global_epoch1_step2");
        for (String step : List.of("global_epoch1_step1", "global_epoch1_step2")) {
            List<String> planned = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                for (CheckpointFile f : plan.rank(r).files()) {
                    planned.add(f.name());
                    assertThat(dir.resolve("ckpt").resolve(step).resolve(f.name())).hasSize(f.bytes());
                }
            }
            assertThat(names(dir.resolve("ckpt").resolve(step))).containsExactlyInAnyOrderElementsOf(planned);
        }
        CheckpointSummary s = result.checkpointSummary().orElseThrow();
        assertThat(result.summary()).isNull();
        assertThat(s.checkpoints()).extracting(JobCheckpoint::op).containsExactly(CheckpointOp.SAVE, CheckpointOp.SAVE,
                CheckpointOp.LOAD, CheckpointOp.LOAD);
        // with checkpoint.verify every byte read was compared with what the save wrote
        assertThat(s.checkpoints()).allSatisfy(j -> {
            assertThat(j.bytes()).isEqualTo(plan.totalBytes());
            assertThat(j.ranks()).hasSize(2);
            assertThat(j.seconds()).isPositive();
        });

        JsonNode summary = json("summary.json");
        JsonNode metric = summary.get("metric");
        assertThat(summary.get("num_accelerators").asInt()).isEqualTo(2);
        assertThat(metric.get("checkpoint_size_GB").asDouble()).isCloseTo(plan.totalBytes() / GIB, within(1e-12));
        for (String op : List.of("save", "load")) {
            double mean = metric.get(op + "_checkpoint_io_mean_GB_per_second").asDouble();
            double expected = s.gibPerSecond(op.equals("save") ? CheckpointOp.SAVE : CheckpointOp.LOAD).stream()
                    .mapToDouble(Double::doubleValue).average().orElseThrow();
            assertThat(mean).isPositive().isCloseTo(expected, within(1e-9));
            assertThat(metric.get(op + "_checkpoint_duration_mean_seconds").asDouble()).isPositive();
            assertThat(metric.has(op + "_checkpoint_io_stdev_GB_per_second")).isTrue();
        }
        assertThat(summary.at("/dlio_parquet/checkpoint/checkpoint_bytes").asLong()).isEqualTo(plan.totalBytes());
        for (int r = 0; r < 2; r++) {
            JsonNode epoch = json(r + "_per_epoch_stats.json").get("1");
            assertThat(epoch.fieldNames()).toIterable().contains("save_ckpt1", "save_ckpt2", "load_ckpt1", "load_ckpt2");
            assertThat(epoch.at("/load_ckpt2/bytes").asLong()).isEqualTo(plan.rank(r).bytes());
        }

        assertThat(lines).anyMatch(l -> l.matches("Finished saving checkpoint 1 \\(global_epoch1_step1\\) in [0-9.]+ s: "
                + plan.totalBytes() + " bytes \\([0-9.]+ GiB\\), [0-9.]+ GiB/s \\(slowest of 2 ranks: rank [01]\\)"));
        assertThat(lines).anyMatch(l -> l.startsWith("Finished loading checkpoint 2 (global_epoch1_step2)"));
        assertThat(lines).anyMatch(l -> l.startsWith("[METRIC] Checkpoint save I/O Throughput (GB/second): "));
        assertThat(lines).anyMatch(l -> l.startsWith("[METRIC] Checkpoint load duration (seconds): "));
        assertThat(result.metricBlock()).anyMatch(l -> l.startsWith("[METRIC] Checkpoint size: "));
        assertThat(Files.readString(dir.resolve("out/dlio.log"), StandardCharsets.UTF_8))
                .contains("Finished saving checkpoint 2 (global_epoch1_step2)");
        assertThat(lines).as("no warning (report.html is written from the checkpoint summary)")
                .noneMatch(l -> l.startsWith("Warning"));
    }

    @Test
    void aLoadRunFindsTheCheckpointsAnEarlierWriteRunSaved() throws IOException {
        Dlio.run(smallLlama(dir, "checkpoint.num_checkpoints_write=1", "checkpoint.num_checkpoints_read=0"),
                twoAccelerators());
        RunResult read = Dlio.run(smallLlama(dir, "checkpoint.num_checkpoints_write=0",
                "checkpoint.num_checkpoints_read=1", "checkpoint.verify=True"), twoAccelerators());

        assertThat(read.checkpointSummary().orElseThrow().checkpoints()).extracting(JobCheckpoint::op, JobCheckpoint::bytes)
                .containsExactly(tuple(CheckpointOp.LOAD,
                        CheckpointPlan.of(smallLlama(dir), 2).totalBytes()));
    }

    @Test
    void aCheckpointFolderWithoutTheSpaceIsRefusedBeforeAnythingIsWritten() {
        // 200 checkpoints of 10 TiB each: no test machine has the space
        WorkloadConfig c = smallLlama(dir, "model.type=none", "model.model_size_bytes=10995116277760",
                "checkpoint.num_checkpoints_write=200", "checkpoint.num_checkpoints_read=0");

        assertThatThrownBy(() -> Dlio.run(c, twoAccelerators()))
                .hasMessageContaining("not enough free space for the checkpoints")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(dir.resolve("out")).doesNotExist();
        assertThat(dir.resolve("ckpt")).doesNotExist();
    }

    @Test
    void severalProcessesWithoutMpiAreRefusedInOneLine() {
        WorkloadConfig c = smallLlama(dir, "checkpoint.num_checkpoints_write=1", "checkpoint.num_checkpoints_read=0");

        assertThatThrownBy(() -> Dlio.run(c, RunOptions.defaults().withRanks(1, 0, 2)
                .withOutputFolder(dir.resolve("out"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("workflow.checkpoint: checkpoints of a job of several processes");
        assertThat(dir.resolve("ckpt")).doesNotExist();
    }

    /** A training run of 4 steps per epoch on each of 2 accelerators, with the checkpoint keys given. */
    private WorkloadConfig training(int epochs, String... checkpointKeys) {
        List<String> o = new ArrayList<>(List.of("workflow.generate_data=True", "workflow.train=True",
                "workflow.checkpoint=True", "dataset.format=npz", "dataset.num_files_train=8",
                "dataset.num_samples_per_file=1", "dataset.record_length_bytes=4096",
                "dataset.data_folder=" + dir.resolve("data"), "reader.batch_size=1", "reader.read_threads=1",
                "train.epochs=" + epochs, "train.computation_time=0.001", "output.metric.exclude_start_steps=0",
                "output.metric.exclude_end_steps=0", "model.type=transformer", "model.num_layers=2",
                "model.transformer.vocab_size=1000", "model.transformer.hidden_size=256",
                "model.transformer.ffn_hidden_size=1024", "model.transformer.num_attention_heads=8",
                "model.transformer.num_kv_heads=4", "checkpoint.fsync=True",
                "checkpoint.checkpoint_folder=" + dir.resolve("ckpt")));
        o.addAll(List.of(checkpointKeys));
        return new WorkloadLoader().baseDirectory(dir).fromOverrides(o);
    }

    @Test
    void trainingSavesEveryStepsBetweenCheckpointsStepsAndLeavesTheSavesOutOfTheBlock() throws IOException {
        WorkloadConfig c = training(2, "checkpoint.steps_between_checkpoints=2");

        RunResult result = Dlio.run(c, twoAccelerators());

        assertThat(names(dir.resolve("ckpt"))).containsExactly("global_epoch1_step2", "global_epoch1_step4",
                "global_epoch2_step2", "global_epoch2_step4");
        long bytes = CheckpointPlan.of(c, 2).totalBytes();
        assertThat(result.checkpointSummary().orElseThrow().checkpoints())
                .extracting(JobCheckpoint::checkpointName, JobCheckpoint::bytes).containsExactly(
                        tuple("global_epoch1_step2", bytes),
                        tuple("global_epoch1_step4", bytes),
                        tuple("global_epoch2_step2", bytes),
                        tuple("global_epoch2_step4", bytes));
        assertThat(result.summary().epochs()).hasSize(2);
        assertThat(json("summary.json").get("metric").get("save_checkpoint_io_mean_GB_per_second").asDouble())
                .isPositive();
        assertThat(json("summary.json").get("metric").has("train_au_mean_percentage")).isTrue();
        for (int r = 0; r < 2; r++) {
            JsonNode stats = json(r + "_per_epoch_stats.json");
            for (String epoch : List.of("1", "2")) {
                JsonNode e = stats.get(epoch);
                assertThat(e.fieldNames()).toIterable().contains("block1", "save_ckpt1", "save_ckpt2");
                // the block's measured window (steps x batch / throughput) leaves both saves out
                double window = e.get("steps").asDouble() / e.get("throughput").asDouble();
                double wall = seconds(e.at("/block1/start").asText(), e.at("/block1/end").asText());
                double saves = e.at("/save_ckpt1/duration").asDouble() + e.at("/save_ckpt2/duration").asDouble();
                assertThat(wall - window).as("rank %d epoch %s: block time outside the steps", r, epoch)
                        .isGreaterThanOrEqualTo(saves - 1e-3);
            }
        }
        assertThat(lines).anyMatch(l -> l.equals("Starting saving checkpoint 2 after total step 4 for epoch 2"));
        assertThat(lines).anyMatch(l -> l.startsWith("[METRIC] Checkpoint save I/O Throughput (GB/second): "));
    }

    @Test
    void trainingSavesAfterCheckpointAfterEpochAndEveryEpochsBetweenCheckpoints() throws IOException {
        WorkloadConfig c = training(5, "checkpoint.checkpoint_after_epoch=2", "checkpoint.epochs_between_checkpoints=2");

        RunResult result = Dlio.run(c, twoAccelerators());

        assertThat(names(dir.resolve("ckpt"))).containsExactly("global_epoch2_step4", "global_epoch4_step4");
        assertThat(result.checkpointSummary().orElseThrow().checkpoints()).hasSize(2);
        JsonNode stats = json("1_per_epoch_stats.json");
        assertThat(stats.get("1").has("save_ckpt1")).isFalse();
        assertThat(stats.get("2").has("save_ckpt1")).isTrue();
        assertThat(stats.get("4").has("save_ckpt1")).isTrue();
        assertThat(stats.get("5").has("save_ckpt1")).isFalse();
    }

    @Test
    @Timeout(60)
    void aSaveThatFailsDuringTrainingStopsEveryAcceleratorWithOneLineNamingThePath() throws IOException {
        Files.writeString(dir.resolve("blocked"), "a file where the checkpoint folder's parent should be");
        WorkloadConfig c = training(1, "checkpoint.steps_between_checkpoints=2",
                "checkpoint.checkpoint_folder=" + dir.resolve("blocked/ckpt"));

        Throwable thrown = catchThrowable(() -> Dlio.run(c, twoAccelerators()));

        Failure failure = Dlio.classify(thrown);
        assertThat(failure.kind()).isEqualTo(Failure.Kind.IO);
        assertThat(failure.message()).contains(dir.resolve("blocked").toString()).doesNotContain("\n");
        assertThat(lines).as("it failed in the first save, not before training")
                .contains("Starting saving checkpoint 1 after total step 2 for epoch 1");
    }

    private static double seconds(String start, String end) {
        return Duration.between(LocalDateTime.parse(start), LocalDateTime.parse(end)).toNanos() / 1e9;
    }
}
