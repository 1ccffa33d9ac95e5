package org.dlioparquet.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.junit.jupiter.api.Test;

class DatasetSizingTest {
    private static final double GIB = 1024.0 * 1024 * 1024;

    private static WorkloadConfig workload(String dataset) {
        return new WorkloadLoader().baseDirectory(Path.of("")).load("""
                workflow: {generate_data: True, train: False}
                reader: {batch_size: 4}
                dataset: {data_folder: data, num_files_train: 8, num_samples_per_file: 1000, %s}
                """.formatted(dataset), "w.yaml", List.of());
    }

    @Test
    void aParquetColumnSchemaIsSizedByItsColumnsNotByRecordLengthBytes() {
        // 1 + 13 x 4 bytes per row; record_length_bytes plays no part in a column layout's files
        WorkloadConfig c = workload("""
                format: parquet, record_length_bytes: 1024,
                parquet: {columns: [{name: label, dtype: int8}, {name: dense, dtype: float32, size: 13}]}""");

        DatasetSizing s = DatasetSizing.compute(c, 1, 1, 1);

        assertThat(s.fileBytes()).isEqualTo(53_000);
        assertThat(s.filesByMemory()).isEqualTo((long) Math.ceil(5 * GIB / 53_000));
    }

    @Test
    void recordDimsCountElementsTimesTheirSize() {
        WorkloadConfig c = workload("format: npz, record_dims: [3, 8, 8], record_element_type: float32");

        assertThat(DatasetSizing.compute(c, 1, 1, 1).fileBytes()).isEqualTo(1000.0 * 3 * 8 * 8 * 4);
    }

    @Test
    void otherwiseTheRecordLengthAsWrittenCounts() {
        WorkloadConfig c = workload("format: npz, record_length_bytes: 1000");

        DatasetSizing s = DatasetSizing.compute(c, 2, 3, 8);

        assertThat(s.fileBytes()).isEqualTo(1_000_000);
        assertThat(s.filesByMemory()).isEqualTo((long) Math.ceil(5 * 6 * GIB / 1_000_000));
        assertThat(s.filesBySteps()).isEqualTo(500L * 8 * 4 / 1000);
        assertThat(s.files()).isEqualTo(s.filesByMemory());
    }
}
