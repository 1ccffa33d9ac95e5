package org.dlioparquet.core.format.parquet.codec;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Compresses one whole page between byte buffers, for the raw page writer. Not thread-safe. */
public interface PageCompressor {

    /** Bytes {@link #compress} may need for {@code length} input bytes. */
    int maxCompressedLength(int length);

    /**
     * Compresses the remaining bytes of {@code src} into {@code dst} from its position; returns the
     * compressed length. Neither buffer's position or limit changes.
     */
    int compress(ByteBuffer src, ByteBuffer dst) throws IOException;

    /** Frees native state (a zlib stream); the compressor may still be used afterwards. */
    default void release() {
    }
}
