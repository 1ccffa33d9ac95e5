package org.dlioparquet.core.format.parquet.codec;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Decompresses one whole page between byte buffers, for the page-streaming reader: direct buffers
 * go straight to the native codec, so a page is never copied onto the heap. Not thread-safe.
 */
public interface PageDecompressor {

    /**
     * Decompresses the remaining bytes of {@code src} into exactly the remaining bytes of {@code dst}.
     * Neither buffer's position or limit changes.
     *
     * @throws IOException when the data is corrupt or does not decompress to exactly that many bytes
     */
    void decompress(ByteBuffer src, ByteBuffer dst) throws IOException;
}
