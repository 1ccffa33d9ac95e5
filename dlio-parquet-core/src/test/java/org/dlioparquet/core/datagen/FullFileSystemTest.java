package org.dlioparquet.core.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.GenerationResult;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: a 512 KiB tmpfs (needs root and mount rights; skipped elsewhere, where
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

    @Test
    void noSpaceLeftStopsCleanlyAndResumesOnceSpaceIsFreed() throws Exception {
        mount = dir.resolve("tiny");
        Files.createDirectories(mount);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mount.toString()),
                "cannot mount a tmpfs here");
        WorkloadConfig c = new WorkloadLoader().baseDirectory(mount).load(
                "dataset: {format: npz, data_folder: data, num_files_train: 12, record_length_bytes: 131072}",
                "w.yaml", List.of());

        assertThatThrownBy(() -> Dlio.generate(c))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("No space left on device");
        try (Stream<Path> files = Files.list(mount.resolve("data/train"))) {
            List<Path> left = files.toList();
            assertThat(left).noneMatch(p -> p.getFileName().toString().endsWith(".partial"));
            for (Path f : left) {
                // 362 x 362 uint8 samples (floor(sqrt(131072)) = 362) in a stored npz: 131044 + 498 bytes of zip and npy headers
                assertThat(Files.size(f)).as(f + " looks complete, so it must be").isEqualTo(131_542);
            }
        }

        assumeTrue(run("mount", "-o", "remount,size=4m", mount.toString()), "cannot resize the tmpfs");
        GenerationResult resumed = Dlio.generate(c);

        assertThat(resumed.files() + resumed.alreadyComplete()).isEqualTo(12);
        assertThat(resumed.alreadyComplete()).isPositive();
        assertThat(Dlio.validate(c, true).problems()).isEmpty();
    }
}
