package org.dlioparquet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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
 * Every workload in {@code examples/workloads} is bundled, loads without a warning, and runs end to
 * end (scaled down to two files and one epoch so the suite stays fast).
 */
class BundledWorkloadsTest {

    static List<String> workloadFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("workloads"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("workloadFiles")
    void isBundledLoadsCleanlyAndRuns(String name, @TempDir Path dir) throws IOException {
        assertThat(Workloads.bundled()).contains(name);
        assertThat(Workloads.bundledText(name)).contains(Files.readString(Path.of("workloads", name + ".yaml")));

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
