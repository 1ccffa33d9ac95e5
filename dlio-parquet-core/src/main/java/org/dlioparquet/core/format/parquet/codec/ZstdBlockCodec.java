package org.dlioparquet.core.format.parquet.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import java.io.IOException;

/**
 * ZSTD through zstd-jni's one-shot byte-array API; decompression accepts concatenated frames. The
 * static checks turn zstd-jni's results into our errors, for {@link ZstdPageCodec} too.
 */
final class ZstdBlockCodec implements BlockCodec {
    private final int level;

    ZstdBlockCodec(int level) {
        this.level = level;
    }

    @Override
    public int maxCompressedLength(int length) {
        return Math.toIntExact(Zstd.compressBound(length));
    }

    @Override
    public int compress(byte[] src, int off, int len, byte[] dst, int dstOff) throws IOException {
        long n;
        try {
            n = Zstd.compressByteArray(dst, dstOff, dst.length - dstOff, src, off, len, level);
        } catch (ZstdException e) {
            throw compressionFailed(e);
        }
        return compressedLength(n);
    }

    @Override
    public void decompress(byte[] src, int off, int len, byte[] dst, int dstOff, int dstLen) throws IOException {
        long n;
        try {
            n = Zstd.decompressByteArray(dst, dstOff, dstLen, src, off, len);
        } catch (ZstdException e) {
            throw corrupt(e, dstLen);
        }
        checkDecompressed(n, dstLen);
    }

    static IOException compressionFailed(ZstdException e) {
        return new IOException("zstd compression failed: " + e.getMessage(), e);
    }

    /** The length a compress call returned, or its error code as an exception. */
    static int compressedLength(long n) throws IOException {
        if (Zstd.isError(n)) {
            throw new IOException("zstd compression failed: " + Zstd.getErrorName(n));
        }
        return (int) n;
    }

    static IOException corrupt(ZstdException e, int dstLen) {
        return new IOException("corrupt zstd data: " + e.getMessage() + " (page header says " + dstLen
                + " uncompressed bytes)", e);
    }

    /** Checks a decompress call returned exactly the {@code dstLen} bytes the page header says. */
    static void checkDecompressed(long n, int dstLen) throws IOException {
        if (Zstd.isError(n)) {
            throw new IOException("corrupt zstd data: " + Zstd.getErrorName(n)
                    + " (page header says " + dstLen + " uncompressed bytes)");
        }
        if (n != dstLen) {
            throw new IOException("zstd data decompressed to " + n + " bytes, the page header says " + dstLen);
        }
    }
}
