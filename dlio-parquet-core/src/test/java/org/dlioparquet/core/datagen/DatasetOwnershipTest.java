package org.dlioparquet.core.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.GenerationOptions;
import org.dlioparquet.core.RunListener;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.dataset.Bookkeeping;
import org.dlioparquet.core.dataset.DatasetRemoval;
import org.dlioparquet.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dlio-parquet replaces and deletes only what it wrote: never a user's file, another program's dataset or records. */
class DatasetOwnershipTest {
    @TempDir
    Path dir;

    private WorkloadConfig workload(String yaml, String... overrides) {
        return new WorkloadLoader().baseDirectory(dir).load(yaml, "w.yaml", List.of(overrides));
    }

    private WorkloadConfig npy(String... overrides) {
        return workload("dataset: {format: npy, data_folder: data, num_files_train: 2, num_samples_per_file: 2, "
                + "record_length_bytes: 1024}", overrides);
    }

    private static List<String> tree(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> !p.equals(root)).forEach(p -> out.add(root.relativize(p).toString()));
        }
        return out.stream().sorted().toList();
    }

    @Test
    void generationDoesNotReplaceAFileItDidNotWriteUnlessOverwriting() throws IOException {
        Path mine = dir.resolve("data/train/img_0_of_2.npy");
        Files.createDirectories(mine.getParent());
        Files.writeString(mine, "a user's own array");

        assertThatThrownBy(() -> Dlio.generate(npy()))
                .isInstanceOf(DataFileException.class)
                .hasMessage(mine + ": exists but no manifest of this workload records it; dlio-parquet does not "
                        + "replace files it did not write: move them away, or regenerate with datagen --overwrite");
        assertThat(mine).hasContent("a user's own array");
        assertThat(dir.resolve("data/train/img_1_of_2.npy")).as("nothing written").doesNotExist();

        assertThat(Dlio.generate(npy(), GenerationOptions.defaults().withOverwrite(true)).files()).isEqualTo(2);
        assertThat(Files.size(mine)).isGreaterThan(1024);
        assertThat(Dlio.generate(npy()).nothingToDo()).isTrue();
    }

    @Test
    void aDatasetDlioWroteIsNeitherReplacedNorDeleted() throws IOException {
        Path root = dir.resolve("data");
        Files.createDirectories(root.resolve("train"));
        for (String f : List.of("img_0_of_2.npz", "img_1_of_2.npz")) {
            Files.copy(Fixtures.file("dlio/up_npz_tiny/train/" + f), root.resolve("train/" + f));
        }
        String yaml = "dataset: {format: npz, data_folder: data, num_files_train: 2, num_samples_per_file: 2, "
                + "record_length_bytes: 4096, keep_files: False}\nreader: {batch_size: 2}";

        assertThatThrownBy(() -> Dlio.generate(workload(yaml)))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("exists but no manifest of this workload records it (nor 1 more files of this "
                        + "dataset)");
        List<String> log = new ArrayList<>();
        Dlio.run(workload(yaml), RunOptions.defaults().withOutputFolder(dir.resolve("out")).withListener(
                new RunListener() {
                    @Override
                    public void message(String line) {
                        log.add(line);
                    }
                }));

        assertThat(tree(root)).containsExactly("train", "train/img_0_of_2.npz", "train/img_1_of_2.npz");
        assertThat(root.resolve("train/img_0_of_2.npz")).hasSameBinaryContentAs(
                Fixtures.file("dlio/up_npz_tiny/train/img_0_of_2.npz"));
        assertThat(log).contains("Deleted the dataset (dataset.keep_files: False): 0 files; kept 2 files under its "
                + "names that no manifest of this workload records (dlio-parquet deletes only files it wrote)");
    }

    @Test
    void keepFilesFalseDeletesOnlyWhatThisWorkloadWrote() throws IOException {
        WorkloadConfig a = npy("dataset.num_files_eval=1");
        Dlio.generate(a);
        Path root = dir.resolve("data");
        // beside the dataset: a user's files with our prefixes, another workload's manifest, a file of ours changed
        Files.writeString(root.resolve("dlio-parquet-manifest.json.bak"), "a user's backup");
        Files.writeString(root.resolve(".dlio-parquet-notes.lock"), "a user's lock");
        Files.writeString(root.resolve("train/notes.txt"), "a user's notes");
        Path other = Bookkeeping.manifestFile(root, 1, 2);
        Files.writeString(other, "{\"config_hash\": \"another workload\", \"files\": []}");
        Files.writeString(root.resolve("valid/img_0_of_1.npy"), "replaced by the user after generation");

        DatasetRemoval removed = DatasetRemoval.delete(a);

        assertThat(removed).isEqualTo(new DatasetRemoval(2, 1));
        assertThat(tree(root)).containsExactly(".dlio-parquet-notes.lock", "dlio-parquet-manifest.json.bak",
                "dlio-parquet-manifest.rank1-of-2.json", "train", "train/notes.txt", "valid", "valid/img_0_of_1.npy");
        assertThat(other).hasContent("{\"config_hash\": \"another workload\", \"files\": []}");
    }

    @Test
    void keepFilesFalseRemovesTheFolderItLeavesEmpty() throws IOException {
        WorkloadConfig a = npy("dataset.num_subfolders_train=2");
        Dlio.generate(a);

        assertThat(DatasetRemoval.delete(a)).isEqualTo(new DatasetRemoval(2, 0));
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void keepFilesFalseDeletesTheIndexFilesWrittenWithItsTfRecords() throws IOException {
        WorkloadConfig a = workload("dataset: {format: tfrecord, data_folder: data, num_files_train: 2, "
                + "num_samples_per_file: 2, record_length_bytes: 1024}");
        Dlio.generate(a);
        assertThat(tree(dir.resolve("data"))).anyMatch(p -> p.startsWith("index"));

        assertThat(DatasetRemoval.delete(a)).isEqualTo(new DatasetRemoval(2, 0));
        assertThat(dir.resolve("data")).as("data, index files and bookkeeping gone").doesNotExist();
    }
}
