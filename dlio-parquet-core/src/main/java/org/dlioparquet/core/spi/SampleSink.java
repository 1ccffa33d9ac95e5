package org.dlioparquet.core.spi;

import java.nio.ByteBuffer;

/**
 * Receives the bytes of samples as a {@link SampleFile} decodes them.
 *
 * <p>A sample is made of one value per column ({@link SampleFile#columns()}; one column for NPZ,
 * NPY and CSV). A value arrives as one or more consecutive pieces: concatenated in order they give
 * the value's bytes (little-endian elements; UTF-8 for strings). Pieces of different samples or
 * columns may interleave. A {@code null} piece means the value is null. A piece is a view of a
 * reused buffer: it is valid only during the call and must not be modified.
 */
@FunctionalInterface
public interface SampleSink {
    void accept(int sample, int column, ByteBuffer piece);

    /** A sink that only looks at sizes, for callers that measure I/O and do not need values. */
    static SampleSink discard() {
        return (sample, column, piece) -> { };
    }
}
