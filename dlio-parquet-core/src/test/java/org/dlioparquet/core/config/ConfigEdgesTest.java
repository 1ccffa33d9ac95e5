package org.dlioparquet.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.testing.RawBinFormatProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Workload values at the edges: missing values, resets, names that leave their folder, huge files. */
class ConfigEdgesTest {
    private static final String COLUMNS = """
            dataset:
              format: rawbin
              parquet: {columns: [{name: a, dtype: int8}, {name: b, dtype: int8}]}
            """;

    private final WorkloadLoader loader = new WorkloadLoader(FormatRegistry.of(List.of(new RawBinFormatProvider())));

    private WorkloadConfig load(String yaml, String... overrides) {
        return loader.load(yaml, "w.yaml", List.of(overrides));
    }

    private List<String> errors(String yaml, String... overrides) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(yaml, overrides));
        assertThat(e).as("expected a ConfigException").isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"storage: {storage_options: {columns: null}}", "storage:\n  storage_options:\n    columns:\n",
        "storage: {storage_options: {columns: []}}"})
    void columnsWithoutAValueMeanAllColumnsAsInTheFork(String storage) {
        WorkloadConfig c = load(COLUMNS + storage);

        assertThat(c.reader().columns()).isEmpty();
        assertThat(c.toYaml()).contains("storage_options:");
    }

    @Test
    void aResetOfAStorageOptionRemovesIt() {
        String yaml = COLUMNS + "storage: {storage_options: {columns: [b], other: 1}}";
        assertThat(load(yaml).reader().columns()).containsExactly("b");

        WorkloadConfig reset = load(yaml, "~workload.storage.storage_options.columns");

        assertThat(reset.reader().columns()).isEmpty();
        assertThat(reset.storage().storageOptions()).containsOnlyKeys("other");
    }

    @Test
    void aResetOfATimeFieldOrASectionWorksAndOfAnUnknownKeyIsAnError() {
        WorkloadConfig c = load("dataset: {format: rawbin}\ntrain: {computation_time: {mean: 0.5, stdev: 0.1}}\n"
                + "reader: {batch_size: 4, read_threads: 3}", "~train.computation_time.stdev", "~workload.reader");

        assertThat(c.train().computationTime()).isEqualTo(TimeDistribution.constant(0.5));
        assertThat(c.reader().batchSize()).isEqualTo(1);
        assertThat(c.reader().readThreads()).isEqualTo(1);
        assertThat(errors("dataset: {format: rawbin}", "~workload.dataset.num_files_trian")).containsExactly(
                "dataset.num_files_trian: unknown key; did you mean dataset.num_files_train? "
                        + "(override ~workload.dataset.num_files_trian)");
    }

    @Test
    void noEvaluationsBetweenEpochsIsFineWhenEvaluationIsOff() {
        assertThat(load("dataset: {format: rawbin}\nevaluation: {epochs_between_evals: 0}").evaluation()
                .epochsBetweenEvals()).isZero();
        assertThat(errors("dataset: {format: rawbin, num_files_eval: 2}\nworkflow: {evaluation: True}\n"
                + "evaluation: {epochs_between_evals: 0}")).containsExactly(
                "evaluation.epochs_between_evals: must be at least 1 when workflow.evaluation is True, got 0 "
                        + "(w.yaml line 3)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../escape", "/tmp/abs", "..", "a/b", "nul\u0000name"})
    void aModelNameThatLeavesTheOutputFolderIsRefused(String name) {
        List<String> errors = errors("dataset: {format: rawbin}", "model.name=" + name);

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("model.name: names the run's output folder").doesNotContain("\u0000");
    }

    @Test
    void theFileSystemRootIsNoDataFolder() {
        assertThat(errors("dataset: {format: rawbin, data_folder: /}")).containsExactly(
                "dataset.data_folder: is the file system root /; generation writes train/ and valid/ into the data "
                        + "folder (and keep_files: False deletes them): choose a folder of its own (w.yaml line 1)");
        assertThat(errors("storage: {storage_root: /}\ndataset: {format: rawbin, data_folder: .}"))
                .singleElement().asString().startsWith("dataset.data_folder: is the file system root /;");
    }

    @Test
    void controlCharactersInFileNamesAreRefusedAndShownEscaped() {
        assertThat(errors("dataset: {format: rawbin, file_prefix: \"im\\0g\"}")).containsExactly(
                "dataset.file_prefix: must be a non-empty file name without '/' or control characters, got "
                        + "'im\\x00g' (w.yaml line 1)");
        assertThat(errors("dataset: {format: rawbin, data_folder: \"da\\0ta\"}")).containsExactly(
                "dataset.data_folder: must not hold control characters, got 'da\\x00ta' (w.yaml line 1)");
    }

    @Test
    void aBinaryValueIsNamedNotPrintedAsAnArrayHandle() {
        assertThat(errors("dataset: {format: rawbin, file_prefix: !!binary aGVsbG8=}")).containsExactly(
                "dataset.file_prefix: expected a single value, got binary data (!!binary, 5 bytes) (w.yaml line 1)");
    }

    @Test
    void aWorkloadFileOverTheLimitIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "dataset: {format: rawbin}\n# " + "x".repeat(WorkloadLoader.MAX_WORKLOAD_BYTES) + "\n");

        assertThatThrownBy(() -> loader.load(big, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(big + ": workload file of " + Files.size(big) + " bytes is larger than the "
                        + WorkloadLoader.MAX_WORKLOAD_BYTES + " bytes a workload may have (DLIO's are a few "
                        + "kilobytes); is it the right file?");
    }

    @Test
    void deepNestingAndAliasBombsAreNotValidWorkloads() {
        String deep = "dataset: {format: rawbin}\nlogging: " + "[".repeat(40) + "]".repeat(40) + "\n";
        assertThat(errors(deep)).singleElement().asString().startsWith("w.yaml: not valid YAML:");

        StringBuilder bomb = new StringBuilder("dataset: {format: rawbin}\nlogging:\n  a0: &a0 [x, x]\n");
        for (int i = 1; i < 30; i++) {
            bomb.append("  a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }
        assertThat(errors(bomb.toString())).singleElement().asString().startsWith("w.yaml: not valid YAML:");
    }
}
