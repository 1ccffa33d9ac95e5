package org.dlioparquet.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Absurd sizes are refused when the workload is read, before any file is touched or any memory taken. */
class DatasetLimitsTest {
    @TempDir
    Path dir;

    private List<String> errors(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new WorkloadLoader().baseDirectory(dir).load(yaml, "w.yaml", List.of()));
        assertThat(e).as("expected a ConfigException").isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void aBillionFilesIsRefusedForTheMemoryTheirBookkeepingTakes() {
        assertThat(errors("dataset: {format: parquet, num_files_train: 1e9, record_length_bytes: 1}")).singleElement()
                .asString()
                .startsWith("dataset.num_files_train: 1000000000 files need about 29.8 GiB of memory for their "
                        + "bookkeeping, more than half the Java heap (")
                .endsWith("); lower it, or give the JVM more heap (-Xmx, e.g. DLIO_JAVA_OPTS=-Xmx16g) (w.yaml line 1)");
    }

    @Test
    void aBillionSubfoldersIsRefusedToo() {
        assertThat(errors("dataset: {format: parquet, num_subfolders_train: 1000000000}")).singleElement().asString()
                .startsWith("dataset.num_subfolders_train: 1000000000 subfolders need about 238.4 GiB of memory");
    }

    @Test
    void aDatasetLargerThanItsWholeFileSystemIsRefused() {
        assertThat(errors("dataset: {format: parquet, data_folder: data, num_samples_per_file: 1e9}"))
                .singleElement().asString()
                .matches("dataset\\.num_samples_per_file: 8 files x 1000000000 samples x 65536 bytes need at least "
                        + "476\\.8 TiB \\(the samples alone\\), more than the [0-9.]+ [KMGT]iB file system of "
                        + "data_folder .*/data holds; lower num_files_train, num_samples_per_file or "
                        + "record_length_bytes \\(w\\.yaml line 1\\)");
    }

    @Test
    void npzAndNpyRefuseMoreSamplesPerFileThanTheirWriterCanHold() {
        for (String format : List.of("npz", "npy")) {
            assertThat(errors("dataset: {format: " + format + ", num_samples_per_file: 500000000, "
                    + "record_length_bytes: 1}")).as(format).singleElement().asString()
                    .startsWith("dataset.num_samples_per_file: 500000000 samples in one file need about 22.4 GiB per "
                            + "writer thread to write (a content stream and a block per sample), more than half the "
                            + "Java heap (");
        }
    }
}
