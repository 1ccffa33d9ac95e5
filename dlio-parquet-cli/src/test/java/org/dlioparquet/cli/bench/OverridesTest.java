package org.dlioparquet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dlioparquet.core.config.WorkloadConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverridesTest {
    @TempDir
    Path dir;

    @Test
    void aPathWithYamlSyntaxInItStaysOnePath() {
        Path odd = dir.resolve("it's: [a] #b");

        WorkloadConfig c = BenchWorkloads.load(null,
                new Overrides().put("dataset.format", "parquet").path("dataset.data_folder", odd).list());

        assertThat(c.dataFolderPath()).isEqualTo(odd.toAbsolutePath());
    }

    @Test
    void oneTrainingEpochWithoutComputeOverAnExistingDataset() {
        WorkloadConfig c = BenchWorkloads.load("dlrm_small",
                new Overrides().trainOneEpoch(dir.resolve("out")).list());

        assertThat(c.workflow().generateData()).isFalse();
        assertThat(c.workflow().train()).isTrue();
        assertThat(c.train().epochs()).isEqualTo(1);
        assertThat(c.train().computationTime().isZero()).isTrue();
        assertThat(c.outputFolderPath(Path.of("elsewhere"))).isEqualTo(dir.resolve("out").toAbsolutePath());
        // the bundled workload's own settings stay
        assertThat(c.dataset().parquet().columns()).hasSizeGreaterThanOrEqualTo(100);
    }
}
