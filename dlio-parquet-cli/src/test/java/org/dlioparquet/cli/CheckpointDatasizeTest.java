package org.dlioparquet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dlioparquet.cli.CliTestSupport.fixture;
import static org.dlioparquet.cli.CliTestSupport.run;
import static org.dlioparquet.cli.CliTestSupport.smallWorkload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.dlioparquet.cli.CliTestSupport.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datasize --ranks}: what a checkpoint workload writes, printed before anything is written. */
class CheckpointDatasizeTest {
    @TempDir
    Path dir;

    private Result datasize(String workload, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "datasize";
        args[1] = fixture("dlio-workloads/" + workload + ".yaml").toString();
        args[2] = "checkpoint.checkpoint_folder=" + dir.resolve("ck");
        System.arraycopy(more, 0, args, 3, more.length);
        return run(args);
    }

    @Test
    void jsonListsEveryRanksFilesAndTheTotal() throws IOException {
        Result r = datasize("llama_8b_zero3", "--ranks", "8", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("ranks").asInt()).isEqualTo(8);
        assertThat(j.get("files")).hasSize(16);
        JsonNode first = j.get("files").get(0);
        assertThat(first.get("rank").asInt()).isZero();
        assertThat(first.get("path").asText())
                .isEqualTo(dir.resolve("ck/global_epoch1_step1/zero_pp_rank_0_mp_rank_0_model_states.pt").toString());
        assertThat(first.get("bytes").asLong()).isEqualTo(2_007_565_312L);
        assertThat(j.get("files").get(15).get("bytes").asLong()).isEqualTo(12_045_637_632L);
        assertThat(j.get("total_bytes").asLong()).isEqualTo(112_425_623_552L);
        assertThat(j.get("checkpoints")).hasSize(10);
        assertThat(j.get("total_bytes_all_checkpoints").asLong()).isEqualTo(1_124_256_235_520L);
        assertThat(dir.resolve("ck")).doesNotExist();
    }

    @Test
    void textShowsEachRankAndTheTotalsInBytesAndGib() {
        Result r = datasize("llama_405b", "--ranks", "512");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("checkpoints of llama_405b on 512 ranks (TP 8 x PP 32 x DP 2, ZeRO 1, 512 ranks) in "
                + dir.resolve("ck") + "; files of global_epoch1_step1:\n");
        assertThat(r.out()).contains("rank 0: 6 files, 13226441600 bytes (12.32 GiB)\n"
                        + "  global_epoch1_step1/layer_0-model_0_model_states.pt 525336576 bytes\n",
                "rank 511: 1 files, 9513171840 bytes (8.86 GiB)\n",
                "each checkpoint: 1544 files, 5682508791808 bytes (5292.25 GiB): model states 811764809728 bytes "
                        + "(756.01 GiB), optimizer states 4870743982080 bytes (4536.23 GiB)\n",
                "checkpoints saved: 10, 56825087918080 bytes (52922.49 GiB) in all\n");
        assertThat(dir.resolve("ck")).doesNotExist();
    }

    @Test
    void aRankCountThatDoesNotFitTheModelIsOneLine() {
        Result r = datasize("llama_70b", "--ranks", "48");

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("dlio-parquet: model.parallelism: 48 ranks are not a multiple of tensor 8 x "
                + "pipeline 4 = 32; run a multiple of 32 ranks, or set checkpoint.mode: subset and "
                + "model.parallelism.data\n");
    }

    @Test
    void subsetModeSizesTheRanksThatRun() throws IOException {
        Result r = datasize("llama_70b_zero3", "--ranks", "8", "--json", "checkpoint.mode=subset",
                "model.parallelism.data=8");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("files")).hasSize(16);
        assertThat(j.get("total_bytes").asLong()).isEqualTo(8 * (2_184_120_320L + 13_103_482_368L));
    }

    @Test
    void aWorkloadWithoutCheckpointsOrWithoutOptionsIsOneLine() throws IOException {
        Path yaml = smallWorkload(dir, "");

        assertThat(run("datasize", yaml.toString(), "--ranks", "4").err())
                .isEqualTo("dlio-parquet: workflow.checkpoint: is False: this workload saves no checkpoints\n");
        assertThat(run("datasize", yaml.toString())).extracting(Result::code, Result::err).containsExactly(
                ExitCodes.USAGE, "dlio-parquet: datasize needs --client-host-memory-in-gb and --max-accelerators "
                        + "(dataset size), or --ranks (checkpoint size)\n");
        assertThat(run("datasize", yaml.toString(), "--json", "--client-host-memory-in-gb", "1", "--max-accelerators",
                "1").err()).isEqualTo("dlio-parquet: --json prints a checkpoint plan; give --ranks N\n");
        assertThat(datasize("llama_8b_zero3", "--ranks", "0").err())
                .isEqualTo("dlio-parquet: --ranks must be at least 1, got 0\n");
    }

    @Test
    void validateDescribesACheckpointOnlyWorkload() {
        Result r = run("validate", fixture("dlio-workloads/llama_70b.yaml").toString(),
                "checkpoint.checkpoint_folder=" + dir.resolve("ck"));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("workload OK: llama_70b, checkpoint-only (10 saves, 10 loads), checkpoint folder "
                + dir.resolve("ck") + "; datasize --ranks N gives its size\n");
    }
}
