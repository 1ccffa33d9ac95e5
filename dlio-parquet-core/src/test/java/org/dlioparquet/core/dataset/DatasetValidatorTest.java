package org.dlioparquet.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.ConfigException;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.testing.RawBinFormatProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetValidatorTest {
    @TempDir
    Path dir;

    @Test
    void aWorkloadWithoutAFormatHasDliosDefaultTfrecord() {
        WorkloadConfig c = new WorkloadLoader().baseDirectory(dir).load(
                "workflow: {generate_data: False, train: False}\ndataset: {data_folder: data}", "w.yaml", List.of());
        assertThat(c.dataset().format()).isEqualTo(FormatType.TFRECORD);
    }

    @Test
    void aWorkloadWithoutAFormatIsAOneLineConfigurationErrorWhereTfrecordIsNotAvailable() {
        // no step runs, so the workload itself is valid without a format
        WorkloadConfig c = new WorkloadLoader(FormatRegistry.of(List.of(new RawBinFormatProvider()))).baseDirectory(dir)
                .load("workflow: {generate_data: False, train: False}\ndataset: {data_folder: data}", "w.yaml",
                        List.of());
        assertThat(c.dataset().format()).isNull();

        assertThatThrownBy(() -> Dlio.validate(c, true))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("dataset.format: not set; available: ")
                .message().doesNotContain("\n");
    }
}
