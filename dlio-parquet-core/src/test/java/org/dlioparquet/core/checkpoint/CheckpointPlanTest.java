package org.dlioparquet.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dlioparquet.core.config.CheckpointMode;
import org.dlioparquet.core.config.ConfigException;
import org.dlioparquet.core.config.ModelConfig;
import org.dlioparquet.core.config.ParallelismConfig;
import org.dlioparquet.core.config.TensorDatatype;
import org.dlioparquet.core.config.TransformerConfig;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Sizes and names against {@code reference/checkpoint.md} §2.3: its worked llama3_8b example, its
 * 70b/405b/1t table, and small models whose sizes are worked out in the comments.
 */
class CheckpointPlanTest {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private static ModelConfig transformer(int layers, TransformerConfig shape, int tp, int pp, int zero) {
        return new ModelConfig("m", "transformer", 10240, TensorDatatype.FP16, TensorDatatype.FP32, layers, List.of(),
                List.of(), new ParallelismConfig(tp, pp, -1, zero), shape);
    }

    private static CheckpointPlan plan(ModelConfig model, int ranks) {
        return CheckpointPlan.of(model, CheckpointMode.DEFAULT, "pt", ranks);
    }

    private static CheckpointPlan fixture(String workload, int ranks) {
        WorkloadConfig c = new WorkloadLoader(FormatRegistry.loadDefault()).load(
                Fixtures.file("dlio-workloads/" + workload + ".yaml"), List.of("workflow.train=False",
                        "workflow.generate_data=False"));
        return CheckpointPlan.of(c, ranks);
    }

    @Test
    void llama3_8bOn8RanksIsTheReferencesWorkedExample() {
        CheckpointPlan p = fixture("llama_8b_zero3", 8);

        assertThat(p.parameters()).isEqualTo(8_030_261_248L);
        assertThat(p.dataParallelism()).isEqualTo(8);
        assertThat(p.fileCount()).isEqualTo(16);
        for (int r = 0; r < 8; r++) {
            RankFiles f = p.rank(r);
            assertThat(f.files()).extracting(CheckpointFile::name, CheckpointFile::bytes).containsExactly(
                    tuple("zero_pp_rank_" + r + "_mp_rank_0_model_states.pt", 2_007_565_312L),
                    tuple("zero_pp_rank_" + r + "_mp_rank_0_optim_states.pt", 12_045_637_632L));
            assertThat(f.bytes()).isEqualTo(14_053_202_944L);
        }
        assertThat(p.totalBytes()).isEqualTo(112_425_623_552L);
        assertThat(p.dlioReportedBytes()).isEqualTo(112_425_623_552L);
        // DLIO prints Model size: 14.957527 GB, Optimizer state size: 89.746994 GB, Total: 104.704521 GB
        assertThat(String.format("%.6f %.6f %.6f", p.modelBytes() / GIB, p.optimizerBytes() / GIB,
                p.totalBytes() / GIB)).isEqualTo("14.957527 89.746994 104.704521");
    }

    @Test
    void llama3_8bTensorsAreTheReferences() {
        CheckpointFile model = fixture("llama_8b_zero3", 8).rank(3).files().get(0);

        List<Long> expected = new ArrayList<>();
        expected.add(65_667_072L); // layer 0: 4096 x 128256 / 8 ranks
        for (int layer = 1; layer <= 32; layer++) {
            expected.addAll(List.of(512L, 3_145_728L, 2_097_152L, 512L, 14_680_064L, 7_340_032L));
        }
        expected.add(65_667_072L); // lm_head
        expected.add(512L); // final norm
        assertThat(model.tensors()).isEqualTo(expected);
        assertThat(model.datatype()).isEqualTo(TensorDatatype.FP16);
        CheckpointFile optimizer = fixture("llama_8b_zero3", 8).rank(3).files().get(1);
        assertThat(optimizer.tensors()).containsExactly(1_003_782_656L, 20_480L, 1_003_782_656L, 20_480L,
                1_003_782_656L, 20_480L);
        assertThat(optimizer.datatype()).isEqualTo(TensorDatatype.FP32);
    }

    @Test
    void llama3_70bOn64Ranks() {
        CheckpointPlan p = fixture("llama_70b_zero3", 64);

        assertThat(p.fileCount()).isEqualTo(128);
        for (int r : List.of(0, 9, 63)) {
            assertThat(p.rank(r).files()).extracting(CheckpointFile::bytes).containsExactly(2_184_120_320L,
                    13_103_482_368L);
        }
        assertThat(p.rank(63).files()).extracting(CheckpointFile::name).containsExactly(
                "zero_pp_rank_7_mp_rank_7_model_states.pt", "zero_pp_rank_7_mp_rank_7_optim_states.pt");
        assertThat(p.modelBytes()).isEqualTo(139_783_700_480L);
        assertThat(p.optimizerBytes()).isEqualTo(838_622_871_552L);
        assertTable(p, "130.18 781.03 911.21");
    }

    @Test
    void llama3_405bOn512Ranks() {
        CheckpointPlan p = fixture("llama_405b", 512);

        assertThat(p.fileCount()).isEqualTo(1544);
        assertThat(p.rank(0).files()).extracting(CheckpointFile::name).containsExactly(
                "layer_0-model_0_model_states.pt", "layer_1-model_0_model_states.pt", "layer_2-model_0_model_states.pt",
                "layer_3-model_0_model_states.pt", "layer_4-model_0_model_states.pt",
                "zero_pp_rank_0_mp_rank_0_optim_states.pt");
        assertThat(p.rank(0).files().get(0).bytes()).isEqualTo(525_336_576L);
        assertThat(p.rank(0).bytes()).isEqualTo(13_226_441_600L);
        // 126 layers over 32 stages: stages 0-29 hold 4, stages 30-31 hold 3; the first stage adds the
        // embedding, the last lm_head and the final norm: 129 layer files per tensor rank
        long layerFiles = 0;
        for (int r = 0; r < 256; r++) {
            long n = p.rank(r).files().stream().filter(f -> f.name().startsWith("layer_")).count();
            int stage = r / 8;
            assertThat(n).as("rank %d", r).isEqualTo(stage == 0 || stage == 31 ? 5 : stage == 30 ? 3 : 4);
            layerFiles += n;
        }
        assertThat(layerFiles).isEqualTo(129 * 8);
        for (int r = 256; r < 512; r++) {
            assertThat(p.rank(r).files()).extracting(CheckpointFile::bytes).containsExactly(9_513_171_840L);
        }
        assertThat(p.rank(511).files().get(0).name()).isEqualTo("zero_pp_rank_1_mp_rank_255_optim_states.pt");
        assertThat(p.modelBytes()).isEqualTo(811_764_809_728L);
        assertThat(p.optimizerBytes()).isEqualTo(4_870_743_982_080L);
        assertTable(p, "756.01 4536.23 5292.25");
    }

    @Test
    void llama3_1tOn1024Ranks() {
        CheckpointPlan p = fixture("llama_1t", 1024);

        assertThat(p.parameters()).isEqualTo(1_183_035_102_480L);
        assertThat(p.fileCount()).isEqualTo(2072);
        assertThat(p.rank(1023).files()).extracting(CheckpointFile::name, CheckpointFile::bytes).containsExactly(
                tuple("zero_pp_rank_1_mp_rank_511_optim_states.pt", 13_865_244_924L));
        assertThat(p.modelBytes()).isEqualTo(2_366_163_292_416L);
        assertThat(p.optimizerBytes()).isEqualTo(14_198_010_802_176L);
        assertTable(p, "2203.66 13222.93 15426.59");
    }

    private static void assertTable(CheckpointPlan p, String gib) {
        assertThat(String.format("%.2f %.2f %.2f", p.modelBytes() / GIB, p.optimizerBytes() / GIB, p.totalBytes() / GIB))
                .isEqualTo(gib);
        long sum = 0;
        for (int r = 0; r < p.worldSize(); r++) {
            sum += p.rank(r).bytes();
        }
        assertThat(sum).isEqualTo(p.totalBytes());
    }

    // A 2-layer llama: L 2, h 256, f 1024, a 8, k 4, V 1000; head 32, dkv 128.
    // Embedding and lm_head: 256 x 1000 = 256,000 elements. A layer: 256 + 256 x (256 + 256) + 256 x 256
    // + 256 + 2 x 1024 x 256 + 1024 x 256 = 983,552. Final norm 256. P = 2 x 256,000 + 2 x 983,552 + 256
    // = 2,479,360 parameters, 4,958,720 bytes in fp16.
    private static final TransformerConfig SMALL = new TransformerConfig(1000, 256, 1024, 8, 4);

    @Test
    void smallLlamaZero0WritesOnlyFromTheFirstReplica() {
        CheckpointPlan p = plan(transformer(2, SMALL, 1, 1, 0), 4);

        assertThat(p.parameters()).isEqualTo(2_479_360L);
        // optimizer: N = P / MP = 2,479,360; 3 x (N + 5 x 256) x 4 bytes
        assertThat(p.rank(0).files()).extracting(CheckpointFile::name, CheckpointFile::bytes).containsExactly(
                tuple("zero_pp_rank_0_mp_rank_0_model_states.pt", 4_958_720L),
                tuple("zero_pp_rank_0_mp_rank_0_optim_states.pt", 29_767_680L));
        for (int r = 1; r < 4; r++) {
            assertThat(p.rank(r).files()).isEmpty();
        }
    }

    @Test
    void smallLlamaZero1SavesTheModelOnceAndShardsTheOptimizer() {
        CheckpointPlan p = plan(transformer(2, SMALL, 1, 1, 1), 4);

        // N = P / (DP x MP) = 619,840; 3 x (619,840 + 1,280) x 4 = 7,453,440
        assertThat(p.rank(0).files()).extracting(CheckpointFile::name, CheckpointFile::bytes).containsExactly(
                tuple("model_0_model_states.pt", 4_958_720L),
                tuple("zero_pp_rank_0_mp_rank_0_optim_states.pt", 7_453_440L));
        for (int r = 1; r < 4; r++) {
            assertThat(p.rank(r).files()).extracting(CheckpointFile::name, CheckpointFile::bytes).containsExactly(
                    tuple("zero_pp_rank_" + r + "_mp_rank_0_optim_states.pt", 7_453_440L));
        }
        assertThat(p.totalBytes()).isEqualTo(4_958_720L + 4 * 7_453_440L);
    }

    @Test
    void smallLlamaZero2CountsEveryReplicasModelAsDlioReportsIt() {
        CheckpointPlan p = plan(transformer(2, SMALL, 1, 1, 2), 4);

        assertThat(p.totalBytes()).isEqualTo(4_958_720L + 4 * 7_453_440L);
        assertThat(p.dlioReportedBytes()).isEqualTo(4 * 4_958_720L + 4 * 7_453_440L);
    }

    @Test
    void smallLlamaZero3ShardsTheModelOverTheReplicas() {
        CheckpointPlan p = plan(transformer(2, SMALL, 1, 1, 3), 4);

        // every tensor / DP 4: 64,000 + 2 x (64 + 32,768 + 16,384 + 64 + 131,072 + 65,536) + 64,000 + 64
        // = 619,840 elements, 1,239,680 bytes
        for (int r = 0; r < 4; r++) {
            assertThat(p.rank(r).files()).extracting(CheckpointFile::name, CheckpointFile::bytes).containsExactly(
                    tuple("zero_pp_rank_" + r + "_mp_rank_0_model_states.pt", 1_239_680L),
                    tuple("zero_pp_rank_" + r + "_mp_rank_0_optim_states.pt", 7_453_440L));
        }
        assertThat(p.rank(2).files().get(0).tensors()).containsExactly(64_000L, 64L, 32_768L, 16_384L, 64L, 131_072L,
                65_536L, 64L, 32_768L, 16_384L, 64L, 131_072L, 65_536L, 64_000L, 64L);
    }

    @Test
    void smallLlamaPipelinedZero0SplitsTheLayersOverTwoStages() {
        CheckpointPlan p = plan(transformer(2, SMALL, 1, 2, 0), 4);

        // stage 0: layers 0-1 (256,000 + 983,552 elements); stage 1: layers 2-4 (983,552 + 256,000 + 256)
        // optimizer N = P / MP 2 = 1,239,680; 3 x (1,239,680 + 1,280) x 4 = 14,891,520
        assertThat(p.rank(0).files()).extracting(CheckpointFile::name, CheckpointFile::bytes).containsExactly(
                tuple("zero_pp_rank_0_mp_rank_0_model_states.pt", 2_479_104L),
                tuple("zero_pp_rank_0_mp_rank_0_optim_states.pt", 14_891_520L));
        assertThat(p.rank(1).files()).extracting(CheckpointFile::name, CheckpointFile::bytes).containsExactly(
                tuple("zero_pp_rank_0_mp_rank_1_model_states.pt", 2_479_616L),
                tuple("zero_pp_rank_0_mp_rank_1_optim_states.pt", 14_891_520L));
        assertThat(p.rank(2).files()).isEmpty();
        assertThat(p.rank(3).files()).isEmpty();
    }

    @Test
    void smallLlamaPipelinedZero1WritesOneFilePerLayer() {
        CheckpointPlan p = plan(transformer(2, SMALL, 1, 2, 1), 4);

        assertThat(p.rank(0).files()).extracting(CheckpointFile::name, CheckpointFile::bytes).containsExactly(
                tuple("layer_0-model_0_model_states.pt", 512_000L),
                tuple("layer_1-model_0_model_states.pt", 1_967_104L),
                tuple("zero_pp_rank_0_mp_rank_0_optim_states.pt", 7_453_440L));
        assertThat(p.rank(1).files()).extracting(CheckpointFile::name, CheckpointFile::bytes).containsExactly(
                tuple("layer_2-model_1_model_states.pt", 1_967_104L),
                tuple("layer_3-model_1_model_states.pt", 512_000L),
                tuple("layer_4-model_1_model_states.pt", 512L),
                tuple("zero_pp_rank_0_mp_rank_1_optim_states.pt", 7_453_440L));
        assertThat(p.rank(3).files()).extracting(CheckpointFile::name).containsExactly(
                "zero_pp_rank_1_mp_rank_1_optim_states.pt");
    }

    @Test
    void tensorParallelismSplitsAllButTheNorms() {
        CheckpointPlan p = plan(transformer(2, SMALL, 2, 2, 1), 4);

        // layer 1 over TP 2: 256 + 65,536 + 32,768 + 256 + 262,144 + 131,072 = 492,032 elements
        assertThat(p.rank(1).files()).extracting(CheckpointFile::name, CheckpointFile::bytes).containsExactly(
                tuple("layer_0-model_1_model_states.pt", 256_000L),
                tuple("layer_1-model_1_model_states.pt", 984_064L),
                tuple("zero_pp_rank_0_mp_rank_1_optim_states.pt", 7_453_440L));
    }

    @Test
    void aNonTransformerWritesItsModelSizeFromTheRanksThatSave() {
        ModelConfig cnn = new ModelConfig("unet3d", "cnn", 10240, TensorDatatype.FP16, TensorDatatype.FP32, -1, List.of(),
                List.of(), new ParallelismConfig(1, 1, -1, 0), SMALL);
        CheckpointPlan zero0 = plan(cnn, 4);
        assertThat(zero0.rank(0).files()).extracting(CheckpointFile::name, CheckpointFile::bytes, CheckpointFile::datatype)
                .containsExactly(tuple("model_states-0.pt", 10_240L, TensorDatatype.INT8));
        assertThat(zero0.rank(3).files()).isEmpty();
        assertThat(zero0.totalBytes()).isEqualTo(10_240L);

        ModelConfig sharded = new ModelConfig("x", null, 4096, TensorDatatype.FP16, TensorDatatype.FP32, -1, List.of(),
                List.of(), new ParallelismConfig(1, 1, -1, 1), SMALL);
        CheckpointPlan zero1 = CheckpointPlan.of(sharded, CheckpointMode.DEFAULT, "pb", 3);
        assertThat(zero1.rank(2).files()).extracting(CheckpointFile::name).containsExactly("model_states-2.pb");
        assertThat(zero1.totalBytes()).isEqualTo(3 * 4096L);
        assertThat(zero1.dlioReportedBytes()).isEqualTo(4096L);
    }

    @Test
    void dliosLegacyExplicitSizesAreInt8Tensors() {
        // megatron_deepspeed_LLNL.yaml: optimization_groups [1009254400, 865075200, 793600],
        // layer_parameters [52583936, 209715200], 40 layers, TP 4, PP 8, ZeRO 1
        ModelConfig m = new ModelConfig("megatron_deepspeed", "megatron_deepspeed", 10240, TensorDatatype.FP16,
                TensorDatatype.FP32, 40, List.of(1_009_254_400L, 865_075_200L, 793_600L),
                List.of(52_583_936L, 209_715_200L), new ParallelismConfig(4, 8, -1, 1), SMALL);
        CheckpointPlan p = plan(m, 32);

        RankFiles r0 = p.rank(0);
        assertThat(r0.files()).extracting(CheckpointFile::name).containsExactly("model_states-0.pt",
                "layer_1-model_0_model_states.pt", "layer_2-model_0_model_states.pt", "layer_3-model_0_model_states.pt",
                "layer_4-model_0_model_states.pt", "layer_5-model_0_model_states.pt",
                "zero_pp_rank_0_mp_rank_0_optim_states.pt");
        assertThat(r0.files().get(1).tensors()).containsExactly(13_145_984L, 52_428_800L);
        assertThat(r0.files().get(6).tensors()).containsExactly(1_009_254_400L, 1_009_254_400L, 865_075_200L,
                865_075_200L, 793_600L, 793_600L, 1_875_123_200L);
        assertThat(r0.files().get(6).bytes()).isEqualTo(3 * 1_875_123_200L);
        assertThat(p.rank(31).files()).extracting(CheckpointFile::name).containsExactly("model_states-31.pt",
                "layer_36-model_31_model_states.pt", "layer_37-model_31_model_states.pt",
                "layer_38-model_31_model_states.pt", "layer_39-model_31_model_states.pt",
                "layer_40-model_31_model_states.pt", "zero_pp_rank_0_mp_rank_31_optim_states.pt");
    }

    @Test
    void subsetModeSizesTheFullJobAndRunsItsFirstRanks() {
        ModelConfig m = new ModelConfig("m", "transformer", 10240, TensorDatatype.FP16, TensorDatatype.FP32, 2, List.of(),
                List.of(), new ParallelismConfig(1, 1, 8, 3), SMALL);
        CheckpointPlan subset = CheckpointPlan.of(m, CheckpointMode.SUBSET, "pt", 2);
        CheckpointPlan full = plan(transformer(2, SMALL, 1, 1, 3), 8);

        assertThat(subset.dataParallelism()).isEqualTo(8);
        assertThat(subset.rank(1)).isEqualTo(full.rank(1));
        assertThat(subset.totalBytes()).isEqualTo(full.rank(0).bytes() + full.rank(1).bytes());
        assertThatThrownBy(() -> CheckpointPlan.of(m, CheckpointMode.SUBSET, "pt", 9))
                .isInstanceOf(ConfigException.class)
                .hasMessage("model.parallelism.data: 9 ranks are more than the 8 ranks (data 8 x tensor 1 x pipeline 1) "
                        + "of the job this subset checkpoint belongs to");
    }

    @Test
    void aRankCountThatIsNotAMultipleOfTheModelsSplitIsRefusedInOneLine() {
        assertThatThrownBy(() -> plan(transformer(2, SMALL, 2, 2, 1), 6))
                .isInstanceOf(ConfigException.class)
                .hasMessage("model.parallelism: 6 ranks are not a multiple of tensor 2 x pipeline 2 = 4; run a multiple "
                        + "of 4 ranks, or set checkpoint.mode: subset and model.parallelism.data");
    }

    @Test
    void everyFileNameIsUniqueAcrossRanks() {
        CheckpointPlan p = fixture("llama_405b", 512);
        List<String> names = new ArrayList<>();
        for (int r = 0; r < 512; r++) {
            p.rank(r).files().forEach(f -> names.add(f.name()));
        }
        assertThat(names).doesNotHaveDuplicates().hasSize(1544);
        assertThat(Collections.frequency(names, "layer_127-model_255_model_states.pt")).isEqualTo(1);
    }
}
