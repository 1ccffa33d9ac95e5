package org.dlioparquet.core;

import org.dlioparquet.core.spi.FileSpec;

/**
 * Progress of a generation. Called from the writer threads, so implementations must be
 * thread-safe and quick.
 */
public interface GenerationListener {
    GenerationListener NONE = new GenerationListener() {
    };

    /** Before the first file: how many files this rank will write. */
    default void started(long files) {
    }

    /**
     * Before the first file: how many files this rank will write, and the fewest bytes they take
     * (their samples, before a format's framing or compression), for an ETA. By default
     * {@link #started(long)}.
     */
    default void started(long files, long bytes) {
        started(files);
    }

    /** Bytes were written to a file being generated (called for every write, from the thread that wrote them). */
    default void bytesWritten(long bytes) {
    }

    /** A file is complete under its final name. */
    default void fileWritten(FileSpec file, long bytes) {
    }
}
