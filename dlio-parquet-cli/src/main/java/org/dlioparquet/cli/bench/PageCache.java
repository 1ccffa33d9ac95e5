package org.dlioparquet.cli.bench;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The page cache between repetitions: {@code sync} so that one repetition's dirty pages are not
 * written back during the next, and on request dropping it for cold reads (root only).
 */
final class PageCache {
    static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

    private PageCache() {
    }

    /** Flushes all dirty pages of the machine ({@code sync(1)}); does nothing where there is none. */
    static void sync() throws IOException {
        Process p;
        try {
            p = new ProcessBuilder("sync").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            return; // no sync command: writes are then timed with whatever is still being flushed
        }
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for sync");
        }
    }

    /** Fails now, with the reason, when {@link #drop()} could not work. */
    static void checkDroppable() throws IOException {
        if (!Files.isWritable(DROP_CACHES)) {
            throw new IOException("--drop-caches needs root: cannot write " + DROP_CACHES);
        }
    }

    /** Writes dirty pages back, then drops the clean page cache, dentries and inodes. */
    static void drop() throws IOException {
        sync();
        Files.writeString(DROP_CACHES, "3\n");
    }
}
