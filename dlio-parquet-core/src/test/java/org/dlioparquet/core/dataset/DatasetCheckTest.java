package org.dlioparquet.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCheckTest {
    @TempDir
    Path root;

    private DatasetLayout layout(int files, int subfolders) {
        WorkloadConfig c = new WorkloadLoader().baseDirectory(root).load("dataset: {format: npz, num_files_train: "
                + files + ", num_subfolders_train: " + subfolders + "}", "w.yaml", List.of());
        return WorkloadDataset.of(c).plan().layout();
    }

    private DatasetLayout layout(int files) {
        return layout(files, 0);
    }

    private void write(String relative, int bytes) throws IOException {
        Path p = root.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[bytes]);
    }

    @Test
    void sumsTheBytesOfACompleteSplit() throws IOException {
        DatasetLayout l = layout(12);
        for (int i = 0; i < 12; i++) {
            write(l.relativePath(Split.TRAIN, i), 10 + i);
        }
        write("train/notes.txt", 1000);

        assertThat(DatasetCheck.check(root, l, Split.TRAIN)).isEqualTo(12 * 10 + 66);
    }

    @Test
    void anUnpaddedNameIsReportedAsNotThisDatasetsFile() throws IOException {
        DatasetLayout l = layout(12);
        for (int i = 0; i < 12; i++) {
            write(i == 3 ? "train/img_3_of_12.npz" : l.relativePath(Split.TRAIN, i), 10);
        }

        assertThatThrownBy(() -> DatasetCheck.check(root, l, Split.TRAIN))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(root.resolve("train") + ": 1 of 12 expected files are missing (first: "
                        + "train/img_03_of_12.npz); 1 other entries are there, not named or placed as this dataset's "
                        + "files (first: train/img_3_of_12.npz); generate");
    }

    @Test
    void aHugeIndexIsReportedNotACrash() throws IOException {
        DatasetLayout l = layout(8);
        for (int i = 1; i < 8; i++) {
            write(l.relativePath(Split.TRAIN, i), 10);
        }
        write("train/img_99999999999_of_8.npz", 10);

        assertThatThrownBy(() -> DatasetCheck.check(root, l, Split.TRAIN))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("1 of 8 expected files are missing (first: train/img_0_of_8.npz)")
                .hasMessageContaining("(first: train/img_99999999999_of_8.npz)");
    }

    @Test
    void aFileInAnotherFilesSubfolderDoesNotCount() throws IOException {
        DatasetLayout sub = layout(6, 2);
        for (int i = 0; i < 6; i++) {
            write(i == 3 ? "train/0/img_3_of_6.npz" : sub.relativePath(Split.TRAIN, i), 10);
        }

        assertThatThrownBy(() -> DatasetCheck.check(root, sub, Split.TRAIN))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("1 of 6 expected files are missing (first: train/1/img_3_of_6.npz)")
                .hasMessageContaining("(first: train/0/img_3_of_6.npz)");
    }

    @Test
    void aMissingFolderSaysToGenerateFirst() {
        assertThatThrownBy(() -> DatasetCheck.check(root, layout(4), Split.TRAIN))
                .isInstanceOf(DataFileException.class)
                .hasMessage(root.resolve("train") + ": folder not found; generate the dataset first "
                        + "(workflow.generate_data: True, or dlio-parquet datagen)");
    }
}
