package org.dlioparquet.core;

import java.nio.file.Path;
import java.time.Duration;

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
}
