package org.dlioparquet.core.spi;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;

/**
 * Writes files of one format. Instances are created per dataset and used from several threads at
 * once, so they hold no per-file state.
 */
public interface FileGenerator {
    /**
     * Writes the whole file described by {@code spec} into {@code out}, an empty channel at
     * position 0. The caller writes to a temporary name and renames it once this returns, so a
     * generator never needs to clean up after a failure.
     */
    void write(FileSpec spec, SeekableByteChannel out) throws IOException;

    /**
     * Whether {@link #write} seeks back in {@code out} for this file (to patch a header). An object
     * store streams a file that does not as it is written, and spools one that does to a local
     * temporary file first.
     */
    default boolean seeksBack(FileSpec spec) {
        return false;
    }
}
