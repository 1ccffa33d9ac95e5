package org.dlioparquet.core;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a generation wrote (this rank's share).
 *
 * @param dataFolder the dataset root
 * @param files      files written
 * @param bytes      bytes written
 * @param elapsed    wall time of the writing
 * @param threads    writer threads used
 */
public record GenerationResult(Path dataFolder, int rank, int ranks, long files, long bytes, Duration elapsed,
                               int threads) {
    /** MiB/s over the wall time (DLIO's MB is MiB). */
    public double mibPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : bytes / 1048576.0 / seconds;
    }
}
