package org.dlioparquet.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.GenerationOptions;
import org.dlioparquet.core.GenerationResult;
import org.dlioparquet.core.ValidationReport;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.spi.CompanionFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Index files are part of the dataset: generated with it, a missing or changed one is rewritten
 * when generation resumes and reported by {@code validate}, and they go when the dataset is deleted.
 */
class CompanionsTest {
    @TempDir
    Path dir;

    private WorkloadConfig workload(String format) {
        return new WorkloadLoader().baseDirectory(dir).load("""
                dataset: {format: %s, data_folder: data, num_files_train: 3, num_files_eval: 1,
                          num_samples_per_file: 4, record_length_bytes: 100}
                """.formatted(format), "w.yaml", List.of());
    }

    private List<Path> companions(WorkloadConfig config) {
        WorkloadDataset ds = WorkloadDataset.of(config);
        List<Path> out = new ArrayList<>();
        for (long i = 0; i < ds.plan().totalFiles(); i++) {
            for (CompanionFile c : ds.provider().companions(config.dataset(), ds.plan().spec(i))) {
                out.add(config.dataFolderPath().resolve(c.relativePath()));
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tfrecord", "indexed_binary"})
    void writtenWithTheDatasetRewrittenOnResumeAndValidated(String format) throws IOException {
        WorkloadConfig config = workload(format);
        Dlio.generate(config);
        List<Path> indexes = companions(config);
        assertThat(indexes).hasSize(format.equals("tfrecord") ? 4 : 8).allMatch(Files::isRegularFile);
        assertThat(indexes.get(format.equals("tfrecord") ? 3 : 6).toString()).contains("valid");
        assertThat(Dlio.validate(config, true).problems()).isEmpty();

        Path lost = indexes.get(1);
        byte[] original = Files.readAllBytes(lost);
        Files.delete(lost);
        ValidationReport missing = Dlio.validate(config, false);
        assertThat(missing.problems()).containsExactly(lost + ": missing");

        GenerationResult resumed = Dlio.generate(config);
        assertThat(resumed.files()).as("the data file of the lost index is written again").isEqualTo(1);
        assertThat(Files.readAllBytes(lost)).isEqualTo(original);

        byte[] changed = original.clone();
        changed[0] ^= 1;
        Files.write(lost, changed);
        assertThat(Dlio.validate(config, false).problems()).as("same size: only a deep check sees it").isEmpty();
        assertThat(Dlio.validate(config, true).problems()).anySatisfy(p -> assertThat(p).startsWith(lost + ": "));
        assertThat(Dlio.generate(config, GenerationOptions.defaults().withVerify(true)).files()).isEqualTo(1);
        assertThat(Files.readAllBytes(lost)).isEqualTo(original);
    }

    @Test
    void deletingThemTakesTheFoldersTheyLeaveEmpty() throws IOException {
        WorkloadConfig config = workload("tfrecord");
        Dlio.generate(config);
        WorkloadDataset ds = WorkloadDataset.of(config);
        Path root = config.dataFolderPath();
        Companions.delete(root, ds.provider().companions(config.dataset(), ds.plan().spec(0)));
        assertThat(root.resolve("index/train/img_0_of_3.tfrecord.idx")).doesNotExist();
        assertThat(root.resolve("index/train/img_1_of_3.tfrecord.idx")).exists();

        for (long i = 0; i < ds.plan().totalFiles(); i++) {
            Companions.delete(root, ds.provider().companions(config.dataset(), ds.plan().spec(i)));
        }
        assertThat(root.resolve("index")).doesNotExist();
        assertThat(root.resolve("train/img_0_of_3.tfrecord")).exists();
    }
}
