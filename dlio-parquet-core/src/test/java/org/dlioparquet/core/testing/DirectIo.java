package org.dlioparquet.core.testing;

import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlioparquet.core.storage.ReadChannels;

/**
 * Whether O_DIRECT works where a test writes its files: tests of direct reads skip where it does
 * not; and a folder on a file system that refuses it, for the tests of that refusal.
 */
public final class DirectIo {
    /**
     * A folder on a file system that refuses O_DIRECT (a ramfs; {@code .ci/run} mounts one and sets
     * this). Since Linux 6.6 tmpfs accepts O_DIRECT, so {@code /dev/shm} no longer serves.
     */
    public static final String REFUSING_FOLDER_ENV = "DLIO_TEST_NO_ODIRECT_DIR";

    private DirectIo() {
    }

    /** Whether {@code file} (an existing, non-empty file) opens and reads with {@code reader.odirect}. */
    public static boolean works(Path file) {
        try (FileChannel c = ReadChannels.open(file, true)) {
            return c.size() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A new empty folder on a file system that refuses O_DIRECT: under {@value #REFUSING_FOLDER_ENV}
     * when set (a test fails if O_DIRECT works there), else in {@code /dev/shm} if its tmpfs refuses
     * it; otherwise the test is skipped, saying how to run it. The caller deletes the folder.
     */
    public static Path refusingFolder() throws IOException {
        String set = System.getenv(REFUSING_FOLDER_ENV);
        String configured = set == null || set.isBlank() ? null : set;
        Path parent = configured != null ? Path.of(configured) : Path.of("/dev/shm");
        assumeTrue(configured != null || Files.isDirectory(parent) && Files.isWritable(parent), "no tmpfs at /dev/shm");
        Path folder = Files.createTempDirectory(parent, "dlio-no-odirect");
        Path probe = Files.write(folder.resolve("probe.bin"), new byte[100]);
        boolean accepted = works(probe);
        Files.delete(probe);
        if (accepted) {
            Files.delete(folder);
            if (configured != null) {
                throw new AssertionError(REFUSING_FOLDER_ENV + "=" + configured + " accepts O_DIRECT: mount a ramfs there");
            }
            abort("/dev/shm accepts O_DIRECT: set " + REFUSING_FOLDER_ENV + " to a ramfs mount (.ci/run does)");
        }
        return folder;
    }
}
