package org.dlioparquet.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.testing.RawBinFormatProvider;
import org.junit.jupiter.api.Test;

class WorkloadConfigBuilderTest {
    private final FormatRegistry registry = FormatRegistry.of(List.of(new RawBinFormatProvider()));

    @Test
    void javaCodeBuildsTheSameModelAsYaml() {
        WorkloadConfig fromJava = WorkloadConfig.builder()
                .registry(registry)
                .format(RawBinFormatProvider.RAWBIN)
                .dataFolder(Path.of("data/x"))
                .numFilesTrain(16)
                .numSamplesPerFile(4)
                .recordLengthBytes(4096)
                .batchSize(8)
                .epochs(2)
                .computationTime(TimeDistribution.normal(0.01, 0.001))
                .set("reader.sample_shuffle", Shuffle.SEED)
                .build();
        WorkloadConfig fromYaml = new WorkloadLoader(registry).load("""
                dataset: {format: rawbin, data_folder: data/x, num_files_train: 16, num_samples_per_file: 4,
                          record_length_bytes: 4096}
                reader: {batch_size: 8, sample_shuffle: seed}
                train: {epochs: 2, computation_time: {mean: 0.01, stdev: 0.001}}
                """, "w.yaml", List.of());

        assertThat(fromJava.resolvedValues()).isEqualTo(fromYaml.resolvedValues());
        assertThat(fromJava.dataset()).isEqualTo(fromYaml.dataset());
        assertThat(fromJava.train()).isEqualTo(fromYaml.train());
    }

    @Test
    void theBuilderValidatesLikeTheLoader() {
        assertThatThrownBy(() -> WorkloadConfig.builder().registry(registry).format(RawBinFormatProvider.RAWBIN)
                .batchSize(0).set("reader.bogus", 1).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("reader.batch_size: expected an integer >= 1, got 0 (builder)")
                .hasMessageContaining("reader.bogus: unknown key");
    }

    @Test
    void toBuilderChangesOneKeyAndKeepsTheRest() {
        WorkloadConfig base = WorkloadConfig.builder().registry(registry).format(RawBinFormatProvider.RAWBIN)
                .numFilesTrain(4).build();

        WorkloadConfig changed = base.toBuilder().set("reader.batch_size", 2).build();

        assertThat(changed.reader().batchSize()).isEqualTo(2);
        assertThat(changed.dataset()).isEqualTo(base.dataset());
    }
}
