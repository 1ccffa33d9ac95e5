package org.dlioparquet.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What a generation wrote (this rank's share).
 *
 * @param dataFolder       the dataset root
 * @param files            files written by this run
 * @param bytes            bytes written by this run
 * @param elapsed          wall time of the writing
 * @param threads          writer threads used
 * @param alreadyComplete  files of this rank's share a previous run had completed (kept, not rewritten)
 * @param takenOverLock    the holder of a stale lock this run took over (a crashed run); empty if none
 */
public record GenerationResult(Path dataFolder, int rank, int ranks, long files, long bytes, Duration elapsed,
                               int threads, long alreadyComplete, String takenOverLock) {
    /** MiB/s over the wall time (DLIO's MB is MiB). */
    public double mibPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : bytes / 1048576.0 / seconds;
    }

    /** True when the dataset was already complete and nothing was written. */
    public boolean nothingToDo() {
        return files == 0 && alreadyComplete > 0;
    }

    /**
     * The one line the command line, the Maven plugin and a run's log print for this result, in
     * DLIO's MB (MiB), e.g. {@code Wrote 16 files, 64.0 MB in 1.20 s (53.3 MB/s) with 2 threads}.
     *
     * @param verified whether the files kept from a previous run were checked by CRC32C
     *                 ({@link GenerationOptions#verify()}), not only by size
     */
    public String summaryLine(boolean verified) {
        if (nothingToDo()) {
            return String.format(Locale.ROOT, "Dataset complete: all %d files match the manifest (%s); nothing to do",
                    alreadyComplete, verified ? "sizes and CRC32C" : "sizes");
        }
        return String.format(Locale.ROOT, "Wrote %d files, %.1f MB in %.2f s (%.1f MB/s) with %d threads%s", files,
                bytes / 1048576.0, elapsed.toNanos() / 1e9, mibPerSecond(), threads,
                alreadyComplete > 0 ? "; resumed: " + alreadyComplete + " files were already complete" : "");
    }
}
