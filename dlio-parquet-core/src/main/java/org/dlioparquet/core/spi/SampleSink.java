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

    /**
     * Whether this sink looks at the bytes of the pieces; {@code false} for a sink that only adds
     * up their sizes, as the runner does (it drops the values, as DLIO does). A file may then give
     * pieces of the right sizes that do not hold the value's bytes, and skip work DLIO does not do
     * either: DLIO's NPZ sample is a strided numpy view of the array it loaded, never gathered.
     * Every byte of storage a file would read for the values is still read.
     */
    default boolean readsBytes() {
        return true;
    }

    /** A sink that looks at nothing, not even sizes, for callers that measure I/O and do not need values. */
    static SampleSink discard() {
        return new SampleSink() {
            @Override
            public void accept(int sample, int column, ByteBuffer piece) {
            }

            @Override
            public boolean readsBytes() {
                return false;
            }
        };
    }
}
