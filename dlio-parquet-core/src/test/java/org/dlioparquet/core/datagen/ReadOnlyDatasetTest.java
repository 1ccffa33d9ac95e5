package org.dlioparquet.core.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.GenerationOptions;
import org.dlioparquet.core.GenerationResult;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.RunResult;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset on a real read-only mount (a read-only bind mount: root ignores file modes, not a
 * read-only mount). Needs root and mount rights; skipped elsewhere, where
 * {@code ResumableGenerationTest} covers an unwritable folder with an injected failure.
 */
class ReadOnlyDatasetTest {
    private static final String WORKLOAD = """
            model: {name: readonly}
            workflow: {generate_data: True, train: True}
            dataset: {format: parquet, data_folder: ro/data, num_files_train: 4, num_samples_per_file: 4,
                      record_length_bytes: 4096}
            reader: {batch_size: 2}
            """;

    @TempDir
    Path dir;
    private Path mount;

    private static boolean run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            run("umount", mount.toString());
        }
    }

    /** Makes {@code dir/ro} a read-only view of {@code dir/rw}, where the dataset is written first. */
    private void mountReadOnly() throws Exception {
        mount = dir.resolve("ro");
        Files.createDirectories(mount);
        assumeTrue(run("mount", "--bind", dir.resolve("rw").toString(), mount.toString()), "cannot bind-mount here");
        assumeTrue(run("mount", "-o", "remount,ro,bind", mount.toString()), "cannot remount read-only");
        assertThatThrownBy(() -> Files.writeString(mount.resolve("probe"), "x")).isInstanceOf(IOException.class);
    }

    private WorkloadConfig workload(String base) {
        return new WorkloadLoader().baseDirectory(dir).load(WORKLOAD.replace("ro/data", base + "/data"), "w.yaml",
                List.of());
    }

    @Test
    void aCompleteDatasetOnAReadOnlyMountIsUsedAsItIs() throws Exception {
        Dlio.generate(workload("rw"));
        mountReadOnly();

        GenerationResult again = Dlio.generate(workload("ro"));
        RunResult run = Dlio.run(workload("ro"), RunOptions.defaults().withOutputFolder(dir.resolve("out")));

        assertThat(again.nothingToDo()).isTrue();
        assertThat(again.alreadyComplete()).isEqualTo(4);
        assertThat(run.generation().nothingToDo()).isTrue();
        assertThat(run.summary().epochs()).hasSize(1);
    }

    @Test
    void aDatasetThatRanksWroteOnAReadOnlyMountIsUsedAsItIs() throws Exception {
        for (int r = 0; r < 2; r++) {
            Dlio.generate(workload("rw"), GenerationOptions.defaults().withRank(r, 2));
        }
        mountReadOnly();

        assertThat(Dlio.generate(workload("ro")).alreadyComplete()).isEqualTo(4);
    }

    @Test
    void anIncompleteDatasetOnAReadOnlyMountIsAOneLineError() throws Exception {
        Dlio.generate(workload("rw"));
        Files.delete(dir.resolve("rw/data/train/img_2_of_4.parquet"));
        mountReadOnly();

        assertThatThrownBy(() -> Dlio.generate(workload("ro")))
                .isInstanceOf(DatasetGenerator.FolderNotWritableException.class)
                .hasMessageMatching(Pattern.quote(mount.resolve("data") + ": dataset.data_folder is not writable ("
                        + mount.resolve("data/train/.dlio-parquet-probe-")) + "[0-9]+\\.partial: Read-only file system\\)");
    }
}
