package org.dlioparquet.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.testing.Fixtures;
import org.dlioparquet.core.testing.RawBinFormatProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code model.*} and {@code checkpoint.*} keys: DLIO's defaults, its workloads, and its validation. */
class CheckpointKeysTest {
    private final WorkloadLoader loader = new WorkloadLoader(FormatRegistry.of(List.of(new RawBinFormatProvider())));

    private WorkloadConfig load(String yaml, String... overrides) {
        return loader.load(yaml, "w.yaml", List.of(overrides));
    }

    private List<String> errors(String yaml, String... overrides) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(yaml, overrides));
        assertThat(e).as("expected a ConfigException").isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    private static final String CHECKPOINT_ONLY = "workflow: {train: False, checkpoint: True}\n";

    @Test
    void everyKeyHasDliosDefault() {
        WorkloadConfig c = load(CHECKPOINT_ONLY);

        ModelConfig m = c.model();
        assertThat(m.type()).isNull();
        assertThat(m.isTransformer()).isFalse();
        assertThat(m.modelSizeBytes()).isEqualTo(10240);
        assertThat(m.modelDatatype()).isEqualTo(TensorDatatype.FP16);
        assertThat(m.optimizerDatatype()).isEqualTo(TensorDatatype.FP32);
        assertThat(m.numLayers()).isEqualTo(-1);
        assertThat(m.optimizationGroups()).isEmpty();
        assertThat(m.layerParameters()).isEmpty();
        assertThat(m.parallelism()).isEqualTo(new ParallelismConfig(1, 1, -1, 0));
        assertThat(m.transformer()).isEqualTo(new TransformerConfig(32000, 2048, 8192, 32, 8));
        assertThat(c.checkpoint()).isEqualTo(new CheckpointConfig("./checkpoints/", 1, 1, -1, "rank_zero",
                CheckpointMode.DEFAULT, false, -1.0, -1, -1, false, false, true, false, false));
        assertThat(c.checkpointFolderPath()).isEqualTo(Path.of("checkpoints").toAbsolutePath());
        assertThat(c.workflow().checkpoint()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama_7b", "llama_7b_zero3", "llama_8b_zero3", "llama_70b", "llama_70b_zero3", "llama_405b"})
    void dliosLlamaWorkloadsLoadUnmodified(String name) {
        WorkloadConfig c = loader.load(Fixtures.file("dlio-workloads/" + name + ".yaml"), List.of());

        assertThat(c.warnings()).isEmpty();
        assertThat(c.workflow().checkpoint()).isTrue();
        assertThat(c.workflow().train()).isFalse();
        assertThat(c.framework()).isEqualTo("pytorch");
        assertThat(c.model().isTransformer()).isTrue();
        assertThat(c.model().modelDatatype()).isEqualTo(TensorDatatype.FP16);
        assertThat(c.model().optimizerDatatype()).isEqualTo(TensorDatatype.FP32);
        assertThat(c.checkpoint().fsync()).isTrue();
        assertThat(c.checkpoint().numCheckpointsWrite()).isEqualTo(10);
        assertThat(c.checkpoint().numCheckpointsRead()).isEqualTo(10);
        assertThat(c.checkpoint().timeBetweenCheckpoints()).isEqualTo(5.0);
        assertThat(c.checkpoint().checkpointFolder()).startsWith("checkpoints/llama_");
    }

    @Test
    void llama8bIsReadAsWritten() {
        WorkloadConfig c = loader.load(Fixtures.file("dlio-workloads/llama_8b_zero3.yaml"), List.of());

        assertThat(c.model()).isEqualTo(new ModelConfig("llama_8b_zero3", "transformer", 10240, TensorDatatype.FP16,
                TensorDatatype.FP32, 32, List.of(), List.of(), new ParallelismConfig(1, 1, -1, 3),
                new TransformerConfig(128256, 4096, 14336, 32, 8)));
    }

    /**
     * DLIO's llama_1t.yaml asks to generate and train on DLIO's default dataset (tfrecord, not
     * supported here) besides checkpointing; its model and checkpoint keys load, and with training
     * off it is the 1T checkpoint workload.
     */
    @Test
    void llama1tLoadsWhenItsTrainingOnTheDefaultDatasetIsTurnedOff() {
        Path file = Fixtures.file("dlio-workloads/llama_1t.yaml");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file, List.of()));
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactly("dataset.format");

        WorkloadConfig c = loader.load(file, List.of("workflow.train=False", "workflow.generate_data=False"));
        assertThat(c.model().parallelism()).isEqualTo(new ParallelismConfig(8, 64, -1, 1));
        assertThat(c.model().transformer()).isEqualTo(new TransformerConfig(128256, 25872, 98304, 192, 32));
    }

    @Test
    void valuesAreTyped() {
        WorkloadConfig c = load(CHECKPOINT_ONLY + """
                model:
                  type: transformer
                  model_datatype: bf16
                  optimizer_datatype: FP64
                  optimization_groups: [1009254400, 865075200, 793600]
                  layer_parameters: [52583936, 209715200]
                  parallelism: {tensor: 4, pipeline: 2, data: 8, zero_stage: 2}
                checkpoint:
                  mode: subset
                  fsync: True
                  time_between_checkpoints: 0.5
                  num_checkpoints_write: 3
                  num_checkpoints_read: 2
                  recovery_rank_shift: True
                  rank_sync: True
                  randomize_tensor: False
                  odirect: True
                  verify: True
                  steps_between_checkpoints: 100
                  checkpoint_folder: /tmp/ck/
                """);

        assertThat(c.model().modelDatatype()).isEqualTo(TensorDatatype.BF16);
        assertThat(c.model().optimizerDatatype()).isEqualTo(TensorDatatype.FP64);
        assertThat(c.model().optimizationGroups()).containsExactly(1009254400L, 865075200L, 793600L);
        assertThat(c.model().layerParameters()).containsExactly(52583936L, 209715200L);
        assertThat(c.model().parallelism()).isEqualTo(new ParallelismConfig(4, 2, 8, 2));
        assertThat(c.checkpoint()).isEqualTo(new CheckpointConfig("/tmp/ck/", 1, 1, 100, "rank_zero",
                CheckpointMode.SUBSET, true, 0.5, 3, 2, true, true, false, true, true));
        assertThat(c.checkpointFolderPath()).isEqualTo(Path.of("/tmp/ck"));
        assertThat(c.toYaml()).contains("model_datatype: bf16", "mode: subset");
    }

    @Test
    void dliosValidationIsOneLinePerProblem() {
        assertThat(errors(CHECKPOINT_ONLY + "model: {num_layers: 2, parallelism: {pipeline: 4}}")).containsExactly(
                "model.num_layers: 2 layers cannot fill 4 pipeline stages (model.parallelism.pipeline); every stage "
                        + "needs a layer (w.yaml line 2)");
        assertThat(errors(CHECKPOINT_ONLY + "model: {num_layers: 8, parallelism: {pipeline: 2, zero_stage: 3}}"))
                .containsExactly("model.parallelism.zero_stage: ZeRO stage 3 cannot be combined with pipeline "
                        + "parallelism (model.parallelism.pipeline 2) (w.yaml line 2)");
        assertThat(errors(CHECKPOINT_ONLY + "checkpoint: {num_checkpoints_write: 3, num_checkpoints_read: 4}"))
                .containsExactly("checkpoint.num_checkpoints_read: 4 is more than the 3 checkpoints written "
                        + "(num_checkpoints_write); loads read the first checkpoints written (w.yaml line 2)");
        assertThat(errors(CHECKPOINT_ONLY + "checkpoint: {mode: subset}")).containsExactly(
                "checkpoint.mode: subset needs model.parallelism.data: the data parallelism of the full job that this "
                        + "run is a subset of (w.yaml line 2)");
        assertThat(errors(CHECKPOINT_ONLY + "model: {parallelism: {data: 8}}")).containsExactly(
                "model.parallelism.data: is 8, but in checkpoint.mode default the data parallelism is the rank count / "
                        + "(tensor x pipeline); remove it, or set checkpoint.mode: subset (w.yaml line 2)");
        assertThat(errors(CHECKPOINT_ONLY + "model: {parallelism: {data: 0}}")).containsExactly(
                "model.parallelism.data: must be -1 (the rank count / (tensor x pipeline)) or at least 1, got 0 "
                        + "(w.yaml line 2)");
        assertThat(errors(CHECKPOINT_ONLY + "checkpoint: {ksm: {}}")).containsExactly(
                "checkpoint.ksm: requires checkpoint.randomize_tensor: False (KSM can only merge pages of equal "
                        + "tensors) (w.yaml line 2)");
        assertThat(errors(CHECKPOINT_ONLY + "checkpoint: {steps_between_checkpoints: 0}")).containsExactly(
                "checkpoint.steps_between_checkpoints: must be -1 (checkpoints at the end of epochs) or at least 1, "
                        + "got 0 (w.yaml line 2)");
    }

    @Test
    void badValuesNameTheKeyAndWhatIsAllowed() {
        assertThat(errors(CHECKPOINT_ONLY, "model.model_datatype=float16", "model.parallelism.zero_stage=4",
                "checkpoint.mode=partial", "model.layer_parameters=[1, -2]", "model.parallelism.tensor=0",
                "checkpoint.time_between_checkpoints=-2", "checkpoint.checkpoint_mechanism_classname=a.B"))
                .containsExactlyInAnyOrder(
                        "model.model_datatype: expected one of int8, uint8, fp16, bf16, fp32, fp64, got 'float16' "
                                + "(override model.model_datatype=float16)",
                        "model.parallelism.zero_stage: expected an integer between 0 and 3, got 4 "
                                + "(override model.parallelism.zero_stage=4)",
                        "checkpoint.mode: expected one of default, subset, got 'partial' (override checkpoint.mode=partial)",
                        "model.layer_parameters: every element must be an integer >= 0, got [1, -2] "
                                + "(override model.layer_parameters=[1, -2])",
                        "model.parallelism.tensor: expected an integer >= 1, got 0 (override model.parallelism.tensor=0)",
                        "checkpoint.time_between_checkpoints: expected a number >= -1, got -2 "
                                + "(override checkpoint.time_between_checkpoints=-2)",
                        "checkpoint.checkpoint_mechanism_classname: custom Python checkpoint classes cannot run on the "
                                + "JVM; remove checkpoint.checkpoint_mechanism_classname "
                                + "(override checkpoint.checkpoint_mechanism_classname=a.B)");
    }

    @Test
    void aCheckpointOnlyRunWithNothingToDoIsWarnedAbout() {
        WorkloadConfig c = load(CHECKPOINT_ONLY + "model: {type: transformer}");

        assertThat(c.warnings()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "model.num_layers: model.type is transformer but no layers are set; the checkpoints hold no tensors",
                "checkpoint.num_checkpoints_write: checkpoint-only mode with neither num_checkpoints_write nor "
                        + "num_checkpoints_read set: nothing is saved or loaded");
    }
}
