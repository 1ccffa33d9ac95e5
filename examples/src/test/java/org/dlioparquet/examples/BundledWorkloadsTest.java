package org.dlioparquet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.RunResult;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.Workloads;
import org.dlioparquet.core.spi.FormatRegistry;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every workload bundled in the core (see {@code examples/workloads/README.md}) loads without a warning, and runs end to
 * end (scaled down to two files and one epoch so the suite stays fast).
 */
class BundledWorkloadsTest {

    static List<String> workloadFiles() {
        return Workloads.bundled();
    }

    @ParameterizedTest
    @MethodSource("workloadFiles")
    void isBundledLoadsCleanlyAndRuns(String name, @TempDir Path dir) throws IOException {

        WorkloadConfig full = Workloads.load(FormatRegistry.loadDefault(), dir, name, List.of());
        assertThat(full.warnings()).isEmpty();

        WorkloadConfig small = Workloads.load(FormatRegistry.loadDefault(), dir, name, List.of(
                "++workload.dataset.num_files_train=2", "++workload.train.epochs=1",
                "++workload.dataset.num_samples_per_file=" + Math.min(full.dataset().numSamplesPerFile(), 16),
                "++workload.reader.batch_size=" + Math.min(full.reader().batchSize(), 2),
                "++workload.workflow.generate_data=True", "++workload.workflow.train=True",
                "++workload.train.computation_time=0"));
        RunResult r = Dlio.run(small, RunOptions.defaults().withOutputFolder(dir.resolve("out")));

        assertThat(r.generation().files()).isEqualTo(2);
        assertThat(r.summary().epochs()).hasSize(1);
        assertThat(r.summary().epochs().get(0).train().samples()).isPositive();
        assertThat(dir.resolve("out/summary.json")).exists();
    }
}
