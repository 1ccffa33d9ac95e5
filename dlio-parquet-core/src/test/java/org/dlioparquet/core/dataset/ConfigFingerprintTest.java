package org.dlioparquet.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigFingerprintTest {
    private static final String WORKLOAD = """
            workflow: {generate_data: True, train: False}
            dataset: {format: parquet, data_folder: data, num_files_train: 2, num_samples_per_file: 2,
                      record_length_bytes: 1024}
            """;

    @TempDir
    Path dir;

    private WorkloadConfig workload(String... overrides) {
        return new WorkloadLoader().baseDirectory(dir).load(WORKLOAD, "w.yaml", List.of(overrides));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dataset.parquet.read_mode=default", "dataset.record_length_bytes_resize=512",
            "dataset.chunk_size=4096", "dataset.enable_chunking=True", "dataset.record_element_bytes=8",
            "dataset.hdf5.num_dset_per_record=2", "dataset.parquet.use_s3dlio_gen=True",
            "dataset.generation_buffer_size=1024", "dataset.parquet.generation_batch_size=16",
            "dataset.data_folder=elsewhere", "dataset.generation_threads=3", "dataset.keep_files=False",
            "reader.batch_size=2", "train.epochs=3"})
    void keysThatCannotChangeAFileKeepTheFingerprint(String override) {
        assertThat(ConfigFingerprint.of(workload("++workload." + override)))
                .isEqualTo(ConfigFingerprint.of(workload()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dataset.generation_seed=11", "dataset.num_files_train=3", "dataset.num_files_eval=1",
            "dataset.record_length_bytes=2048", "dataset.num_samples_per_file=3", "dataset.file_prefix=part",
            "dataset.compression=snappy", "dataset.parquet.row_group_size=1", "dataset.record_element_type=float32",
            "dataset.num_subfolders_train=2", "dataset.format=npz"})
    void keysThatDecideTheFilesChangeTheFingerprint(String override) {
        assertThat(ConfigFingerprint.of(workload("++workload." + override)))
                .isNotEqualTo(ConfigFingerprint.of(workload()));
    }

    @Test
    void aNoEffectKeyChangedAfterGenerationReusesTheDataset() throws IOException {
        Dlio.generate(workload());

        assertThat(Dlio.generate(workload("++workload.dataset.parquet.read_mode=default",
                "++workload.dataset.chunk_size=4096")).nothingToDo()).isTrue();
    }
}
