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

    /** A file is complete under its final name. */
    default void fileWritten(FileSpec file, long bytes) {
    }
}
