package org.dlioparquet.core.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.GenerationOptions;
import org.dlioparquet.core.GenerationResult;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.storage.WriteStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: a small tmpfs (needs root and mount rights; skipped elsewhere, where
 * {@code ResumableGenerationTest} covers the same path with an injected failure).
 */
class FullFileSystemTest {
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

    private WorkloadConfig mountTmpfs(String size, String yaml) throws Exception {
        mount = dir.resolve("tiny");
        Files.createDirectories(mount);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString()),
                "cannot mount a tmpfs here");
        return new WorkloadLoader().baseDirectory(mount).load(yaml, "w.yaml", List.of());
    }

    /** Fills the file system of {@code folder} to the last byte, as another writer would. */
    private static void fill(Path folder) throws IOException {
        try (FileChannel ch = FileChannel.open(folder.resolve("filler"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocate(4096);
            while (true) {
                block.clear();
                ch.write(block);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
    }

    @Test
    void noSpaceLeftStopsCleanlyAndResumesOnceSpaceIsFreed() throws Exception {
        WorkloadConfig c = mountTmpfs("2m",
                "dataset: {format: npz, data_folder: data, num_files_train: 12, record_length_bytes: 131072}");
        // the 12 files fit when generation starts; another writer fills the disk after the third
        AtomicInteger created = new AtomicInteger();
        GenerationOptions filledUp = GenerationOptions.defaults().withThreads(1).withStorage(file -> {
            if (created.incrementAndGet() == 4) {
                fill(mount);
            }
            return WriteStorage.LOCAL.create(file);
        });

        assertThatThrownBy(() -> Dlio.generate(c, filledUp))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("No space left on device")
                .hasMessageContaining(mount.resolve("data/train").toString());
        try (Stream<Path> files = Files.list(mount.resolve("data/train"))) {
            List<Path> left = files.toList();
            assertThat(left).hasSize(3).noneMatch(p -> p.getFileName().toString().endsWith(".partial"));
            for (Path f : left) {
                // 362 x 362 uint8 samples (floor(sqrt(131072)) = 362) in a stored npz: 131044 + 498 bytes of zip and npy headers
                assertThat(Files.size(f)).as(f + " looks complete, so it must be").isEqualTo(131_542);
            }
        }

        Files.delete(mount.resolve("filler"));
        GenerationResult resumed = Dlio.generate(c);

        assertThat(resumed.files()).isEqualTo(9);
        assertThat(resumed.alreadyComplete()).isEqualTo(3);
        assertThat(Dlio.validate(c, true).problems()).isEmpty();
    }

    @Test
    void aDatasetLargerThanTheFreeSpaceIsRefusedBeforeAnythingIsWritten() throws Exception {
        WorkloadConfig c = mountTmpfs("2m",
                "dataset: {format: npz, data_folder: data, num_files_train: 12, record_length_bytes: 131072}");
        Files.write(mount.resolve("other"), new byte[1 << 20]); // the dataset fits the file system, not its free space

        assertThatThrownBy(() -> Dlio.generate(c))
                .isInstanceOf(DatasetGenerator.NotEnoughSpaceException.class)
                .hasMessageMatching(Pattern.quote(mount.resolve("data")
                        + ": not enough free space: the 12 files to write need at least 1.5 MiB (their samples alone), "
                        + "the file system has ") + "[0-9.]+ [KM]iB free; free space, or lower "
                        + "dataset.num_files_train, num_samples_per_file or record_length_bytes");
        try (Stream<Path> files = Files.list(mount.resolve("data/train"))) {
            assertThat(files).isEmpty();
        }
    }
}
