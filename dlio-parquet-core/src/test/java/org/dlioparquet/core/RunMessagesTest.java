package org.dlioparquet.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run says when it meets a file it cannot use: what is wrong, and what to do about it. */
class RunMessagesTest {
    @TempDir
    Path dir;

    private WorkloadConfig workload(String format) {
        return new WorkloadLoader().baseDirectory(dir).load("dataset: {format: " + format + ", data_folder: data, "
                + "num_files_train: 2, num_samples_per_file: 4, record_length_bytes: 1024}\nreader: {batch_size: 2}",
                "w.yaml", List.of());
    }

    @Test
    void aFileThatChangedSinceItWasWrittenSuggestsVerifyingTheDataset() throws IOException {
        Dlio.generate(workload("npz"));
        Path file = dir.resolve("data/train/img_1_of_2.npz");
        byte[] b = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(b, b.length / 2));

        assertThatThrownBy(() -> Dlio.run(workload("npz"), RunOptions.defaults().withOutputFolder(dir.resolve("out"))))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageEndingWith("; the file changed after dlio-parquet wrote it (the manifest recorded other "
                        + "bytes): 'dlio-parquet datagen <workload> --verify' rewrites it");
    }

    @Test
    void aValidParquetFileOfNoRowsIsReportedAsHoldingNoSamples() throws Exception {
        Dlio.generate(workload("parquet"));
        Path file = dir.resolve("data/train/img_0_of_2.parquet");
        Files.copy(Path.of(Objects.requireNonNull(getClass().getResource(
                "format/parquet/edges/pyarrow_zero_rows.parquet")).toURI()), file,
                StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> Dlio.run(workload("parquet"), RunOptions.defaults()
                .withOutputFolder(dir.resolve("out"))))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(file + ": holds 0 samples, the workload expects 4 "
                        + "(dataset.num_samples_per_file); the file changed after dlio-parquet wrote it");
    }

    @Test
    void aFileNoManifestRecordsGetsNoAdviceToVerify() throws Exception {
        Dlio.generate(workload("parquet"));
        Files.delete(dir.resolve("data/dlio-parquet-manifest.json"));
        Path file = dir.resolve("data/train/img_0_of_2.parquet");
        Files.copy(Path.of(Objects.requireNonNull(getClass().getResource(
                "format/parquet/edges/pyarrow_zero_rows.parquet")).toURI()), file, StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> Dlio.run(workload("parquet"), RunOptions.defaults()
                .withOutputFolder(dir.resolve("out"))))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ": holds 0 samples, the workload expects 4 (dataset.num_samples_per_file)");
    }
}
