package org.dlioparquet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.config.WorkloadConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir
    Path dir;

    @Test
    void dataFilesAreTheGeneratedFilesWithoutTheGeneratorsBookkeeping() throws IOException {
        Path data = dir.resolve("data");
        WorkloadConfig config = BenchWorkloads.load(null, new Overrides().put("dataset.format", "npz")
                .path("dataset.data_folder", data).put("dataset.num_files_train", 3).put("dataset.num_files_eval", 1)
                .put("dataset.num_samples_per_file", 2).put("dataset.record_length_bytes", 64).list());
        Dlio.generate(config);

        List<Path> dataFiles = FileTrees.dataFiles(config);
        List<Path> everything = FileTrees.files(data);

        assertThat(dataFiles).hasSize(4).allSatisfy(f -> {
            assertThat(f).isRegularFile();
            assertThat(f.getFileName().toString()).endsWith(".npz");
        });
        assertThat(everything).containsAll(dataFiles);
        // the manifest (at least) lies beside the data; the baselines must not read or count it
        assertThat(everything).hasSizeGreaterThan(dataFiles.size());
        assertThat(FileTrees.size(dataFiles)).isLessThan(FileTrees.size(everything));
        assertThat(everything.stream().filter(f -> !dataFiles.contains(f)))
                .allSatisfy(f -> assertThat(f.getFileName().toString()).contains("dlio-parquet"));
        assertThat(Files.exists(data.resolve("dlio-parquet-manifest.json"))).isTrue();
    }
}
