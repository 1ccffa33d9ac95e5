package org.dlioparquet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dlioparquet.cli.CliTestSupport.fixture;
import static org.dlioparquet.cli.CliTestSupport.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.cli.CliTestSupport.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} of DLIO's llama_7b checkpoint workload, on a 2-layer model: a line per save and load, then the METRIC lines. */
class CheckpointRunCliTest {
    @TempDir
    Path dir;

    private Result runLlama(String... more) {
        List<String> args = new ArrayList<>(List.of("run", fixture("dlio-workloads/llama_7b.yaml").toString(),
                "model.num_layers=2", "model.transformer.hidden_size=256", "model.transformer.ffn_hidden_size=1024",
                "model.transformer.vocab_size=1000", "model.transformer.num_attention_heads=8",
                "model.transformer.num_kv_heads=4", "checkpoint.num_checkpoints_write=2",
                "checkpoint.num_checkpoints_read=1", "checkpoint.time_between_checkpoints=0",
                "checkpoint.checkpoint_folder=" + dir.resolve("ckpt"), "--accelerators", "2", "--no-report",
                "--output", dir.resolve("out").toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void runPrintsALinePerSaveAndLoadAndTheCheckpointMetrics() {
        Result r = runLlama();

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("Finished saving checkpoint 1 \\(global_epoch1_step1\\) in [0-9.]+ s: "
                + "[0-9]+ bytes \\([0-9.]+ GiB\\), [0-9.]+ GiB/s \\(slowest of 2 ranks: rank [01]\\)")
                .contains("Finished saving checkpoint 2 (global_epoch1_step2)",
                        "Finished loading checkpoint 1 (global_epoch1_step1)",
                        "[METRIC] Checkpoint save I/O Throughput (GB/second): ",
                        "[METRIC] Checkpoint load duration (seconds): ");
        assertThat(dir.resolve("ckpt/global_epoch1_step2")).isDirectory();
    }

    @Test
    void jsonPrintsTheSummaryWithDliosCheckpointKeys() throws IOException {
        Result r = runLlama("--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode metric = new ObjectMapper().readTree(r.out()).get("metric");
        assertThat(metric.get("save_checkpoint_io_mean_GB_per_second").asDouble()).isPositive();
        assertThat(metric.get("load_checkpoint_duration_mean_seconds").asDouble()).isPositive();
        assertThat(metric.get("checkpoint_size_GB").asDouble()).isPositive();
    }
}
