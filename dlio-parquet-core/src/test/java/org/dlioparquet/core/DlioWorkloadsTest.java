package org.dlioparquet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dlioparquet.core.checkpoint.CheckpointFile;
import org.dlioparquet.core.checkpoint.CheckpointPlan;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.metrics.CheckpointOp;
import org.dlioparquet.core.metrics.JobCheckpoint;
import org.dlioparquet.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 24 workload files DLIO ships ({@code fixtures/dlio-workloads}), each loaded unchanged and run
 * scaled down (a few small files, no computation time, generate then train, one epoch; a small model
 * with checkpoints every step or epoch): every one runs; the three S3 ones run in
 * {@link S3WorkloadsTest} against a real S3 server. DLIO's llama workloads run in checkpoint-only mode on a 2-layer model with their
 * ZeRO stage and up to 2-way tensor and pipeline parallelism.
 */
class DlioWorkloadsTest {
    /** Workloads that train and also checkpoint. */
    private static final List<String> TRAIN_AND_CHECKPOINT = List.of("bert_v100", "megatron_deepspeed_LLNL",
            "unet3d_a100", "unet3d_h100", "unet3d_v100");

    @TempDir
    Path dir;

    static Stream<String> workloads() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.file("dlio-workloads"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList().stream();
        }
    }

    /** The workloads that run on local files here; S3WorkloadsTest runs the S3 ones against an S3 server. */
    static Stream<String> localWorkloads() throws IOException {
        return workloads().filter(n -> !n.endsWith("_s3"));
    }

    @Test
    void allTwentyFourAreHere() throws IOException {
        assertThat(workloads()).hasSize(24);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("localWorkloads")
    void runsScaledDown(String name) throws IOException {
        Path yaml = Fixtures.file("dlio-workloads/" + name + ".yaml");
        if (name.startsWith("llama_")) {
            runsLlamaScaledDown(yaml);
            return;
        }
        List<String> overrides = scaledDown(name);
        if (TRAIN_AND_CHECKPOINT.contains(name)) {
            overrides.addAll(smallCheckpoints(name));
        }
        WorkloadConfig config = load(yaml, overrides);
        RunResult result = Dlio.run(config, RunOptions.defaults().withOutputFolder(dir.resolve("out")));
        if (TRAIN_AND_CHECKPOINT.contains(name)) {
            long bytes = CheckpointPlan.of(config, 1).totalBytes();
            assertThat(result.checkpointSummary().orElseThrow().checkpoints()).as("checkpoints saved").isNotEmpty()
                    .allSatisfy(c -> assertThat(c.bytes()).isEqualTo(bytes));
            try (Stream<Path> saved = Files.list(dir.resolve("ckpt"))) {
                assertThat(saved.count()).isEqualTo(result.checkpoints().checkpoints().size());
            }
        }

        assertThat(result.generation().files()).isEqualTo(config.dataset().totalFiles());
        assertThat(result.summary().epochs()).isNotEmpty();
        assertThat(result.summary().epochs().get(0).train().storageBytes()).as("bytes read in epoch 1").isPositive();
        Map<?, ?> summary = new ObjectMapper()
                .readValue(dir.resolve("out/summary.json").toFile(), Map.class);
        Map<?, ?> ours = (Map<?, ?>) summary.get("dlio_parquet");
        assertThat(ours.get("format")).isEqualTo(String.valueOf(config.dataset().format()));
        Map<?, ?> loader = (Map<?, ?>) ours.get("loader");
        assertThat(loader.get("data_loader")).isEqualTo(config.reader().dataLoader());
        assertThat(loader.get("framework")).isEqualTo(config.framework());
        if (config.reader().dataLoader().equals("tensorflow")) {
            assertThat(String.valueOf(loader.get("not_emulated"))).contains("reader.shuffle_size (tf.data shuffle buffer)");
        }
    }

    /**
     * A llama workload as it is, on a 2-layer model (hidden 256, vocab 1000) with its ZeRO stage and
     * at most 2-way tensor and pipeline parallelism, over 2 data-parallel ranks: two saves and a load
     * write and read exactly the planned files.
     */
    private void runsLlamaScaledDown(Path yaml) throws IOException {
        WorkloadConfig asShipped = load(yaml, List.of());
        int tensor = Math.min(2, asShipped.model().parallelism().tensor());
        int pipeline = Math.min(2, asShipped.model().parallelism().pipeline());
        int ranks = 2 * tensor * pipeline;
        WorkloadConfig c = load(yaml, List.of("++workload.workflow.train=False",
                "++workload.workflow.generate_data=False", "++workload.model.num_layers=2",
                "++workload.model.transformer.hidden_size=256", "++workload.model.transformer.ffn_hidden_size=1024",
                "++workload.model.transformer.vocab_size=1000", "++workload.model.transformer.num_attention_heads=8",
                "++workload.model.transformer.num_kv_heads=4", "++workload.model.parallelism.tensor=" + tensor,
                "++workload.model.parallelism.pipeline=" + pipeline, "++workload.checkpoint.num_checkpoints_write=2",
                "++workload.checkpoint.num_checkpoints_read=1", "++workload.checkpoint.time_between_checkpoints=0",
                "++workload.checkpoint.verify=True", "++workload.checkpoint.checkpoint_folder=" + dir.resolve("ckpt")));
        CheckpointPlan plan = CheckpointPlan.of(c, ranks);

        RunResult result = Dlio.run(c, RunOptions.defaults().withAccelerators(ranks).withOutputFolder(dir.resolve("out")));

        assertThat(result.checkpoints().checkpoints()).extracting(JobCheckpoint::op, JobCheckpoint::bytes)
                .containsExactly(tuple(CheckpointOp.SAVE, plan.totalBytes()), tuple(CheckpointOp.SAVE, plan.totalBytes()),
                        tuple(CheckpointOp.LOAD, plan.totalBytes()));
        for (int r = 0; r < ranks; r++) {
            for (CheckpointFile f : plan.rank(r).files()) {
                assertThat(dir.resolve("ckpt/global_epoch1_step2").resolve(f.name())).hasSize(f.bytes());
            }
        }
        Map<?, ?> metric = (Map<?, ?>) new ObjectMapper().readValue(dir.resolve("out/summary.json").toFile(), Map.class)
                .get("metric");
        assertThat(metric.keySet()).map(String::valueOf).contains("save_checkpoint_io_mean_GB_per_second", "load_checkpoint_io_mean_GB_per_second",
                "checkpoint_size_GB");
    }

    /**
     * The workload's own checkpoint schedule brought within one epoch of two steps, on a model of a
     * few hundred KiB, into the temporary folder.
     */
    private List<String> smallCheckpoints(String name) {
        List<String> o = new ArrayList<>(List.of("++workload.checkpoint.checkpoint_folder=" + dir.resolve("ckpt")));
        if (name.startsWith("unet3d")) {
            o.add("++workload.checkpoint.checkpoint_after_epoch=1");
        } else {
            o.add("++workload.checkpoint.steps_between_checkpoints=1");
        }
        if (name.startsWith("bert")) {
            o.add("++workload.model.model_size_bytes=65536");
        } else if (name.startsWith("megatron")) {
            o.addAll(List.of("++workload.model.parallelism.tensor=1", "++workload.model.parallelism.pipeline=1",
                    "++workload.model.optimization_groups=[4096,2048,16]", "++workload.model.layer_parameters=[1024,4096]"));
        }
        return o;
    }

    private WorkloadConfig load(Path yaml, List<String> overrides) {
        return new WorkloadLoader().baseDirectory(dir).load(yaml, overrides);
    }

    /** A few small files, no waiting, generate and train one epoch, everything below the temporary folder. */
    private List<String> scaledDown(String name) {
        List<String> o = new ArrayList<>(List.of("++workload.dataset.data_folder=" + dir.resolve("data"),
                "++workload.output.folder=" + dir.resolve("out"), "++workload.workflow.generate_data=True",
                "++workload.workflow.train=True", "++workload.train.epochs=1", "++workload.train.computation_time=0",
                "++workload.evaluation.eval_time=0", "++workload.train.total_training_steps=-1",
                "++workload.dataset.num_files_train=4", "++workload.reader.batch_size=2",
                "++workload.reader.batch_size_eval=1", "++workload.reader.read_threads=2"));
        if (name.startsWith("default")) {
            o.add("++workload.dataset.num_files_eval=2");
        } else if (name.equals("dlrm")) {
            o.add("++workload.dataset.num_files_eval=1");
        }
        boolean onePerFile = !(name.startsWith("resnet50") || name.startsWith("bert") || name.startsWith("dlrm")
                || name.startsWith("megatron"));
        o.add("++workload.dataset.num_samples_per_file=" + (onePerFile ? 1 : 8));
        o.add("++workload.dataset.record_length_bytes=" + (name.startsWith("megatron") ? 2048 : 4096));
        if (name.startsWith("cosmoflow") || name.startsWith("unet3d")) {
            o.add("++workload.dataset.record_length_bytes_stdev=400");
        }
        return o;
    }
}
