package org.dlioparquet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dlioparquet.core.config.ConfigException;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 24 workload files DLIO ships ({@code fixtures/dlio-workloads}), each loaded unchanged and run
 * scaled down (a few small files, no computation time, generate then train, one epoch): every one
 * runs, except that checkpointing and S3 storage are still refused with their one-line message.
 * When either lands, the refusal assertion fails and the workload moves to the running list.
 */
class DlioWorkloadsTest {
    private static final String CHECKPOINT_REFUSAL = "workflow.checkpoint: checkpointing is not supported by "
            + "dlio-parquet yet";
    private static final String S3_REFUSAL = "storage.storage_type: s3 storage is not wired into generation and "
            + "runs yet";

    /** Workloads that train and also checkpoint: refused as they are, run with checkpoint off. */
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

    @Test
    void allTwentyFourAreHere() throws IOException {
        assertThat(workloads()).hasSize(24);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void runsScaledDownOrIsRefusedWithItsOneLineMessage(String name) throws IOException {
        Path yaml = Fixtures.file("dlio-workloads/" + name + ".yaml");
        if (name.startsWith("llama_")) {
            WorkloadConfig checkpointOnly = load(yaml, List.of("++workload.workflow.train=False",
                    "++workload.workflow.generate_data=False"));
            assertThatThrownBy(() -> Dlio.run(checkpointOnly, RunOptions.defaults().withOutputFolder(dir.resolve("out"))))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(CHECKPOINT_REFUSAL).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            return;
        }
        if (name.endsWith("_s3")) {
            WorkloadConfig s3 = load(yaml, scaledDown(name));
            assertThatThrownBy(() -> Dlio.run(s3, RunOptions.defaults().withOutputFolder(dir.resolve("out"))))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(S3_REFUSAL).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            return;
        }
        List<String> overrides = scaledDown(name);
        if (TRAIN_AND_CHECKPOINT.contains(name)) {
            WorkloadConfig withCheckpoints = load(yaml, overrides);
            assertThatThrownBy(() -> Dlio.run(withCheckpoints, RunOptions.defaults().withOutputFolder(dir.resolve("out"))))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(CHECKPOINT_REFUSAL).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            overrides.add("++workload.workflow.checkpoint=False");
        }
        WorkloadConfig config = load(yaml, overrides);
        RunResult result = Dlio.run(config, RunOptions.defaults().withOutputFolder(dir.resolve("out")));

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
            o.add("++workload.dataset.record_length_bytes_stdev=" + (name.endsWith("_s3") ? 0 : 400));
        }
        return o;
    }
}
