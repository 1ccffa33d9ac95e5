package org.dlioparquet.core.format.parquet.codec;

import java.io.IOException;

/**
 * One Parquet page codec working on whole byte arrays: a page is compressed and decompressed in one
 * call, and its uncompressed size is always known from the page header. Implementations may keep
 * reusable state (a Deflater, a CRC) and are therefore not thread-safe.
 */
interface BlockCodec {

    /** Bytes {@link #compress} may need for {@code length} input bytes. */
    int maxCompressedLength(int length);

    /** Compresses {@code src[off, off+len)} into {@code dst} from {@code dstOff}; returns the compressed length. */
    int compress(byte[] src, int off, int len, byte[] dst, int dstOff) throws IOException;

    /**
     * Decompresses {@code src[off, off+len)} into exactly {@code dstLen} bytes of {@code dst}.
     *
     * @throws IOException when the data is corrupt or does not decompress to exactly {@code dstLen} bytes
     */
    void decompress(byte[] src, int off, int len, byte[] dst, int dstOff, int dstLen) throws IOException;

    /** Frees native state (a zlib stream); the codec may still be used afterwards. */
    default void release() {
    }
}
