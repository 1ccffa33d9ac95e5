package org.dlioparquet.core.format.parquet.codec;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import java.io.IOException;

/** LZ4_RAW (a bare LZ4 block) through aircompressor's pure-Java implementation; see also {@link Lz4RawPageCodec}. */
final class Lz4RawBlockCodec implements BlockCodec {
    private final Lz4Compressor compressor = new Lz4Compressor();
    private final Lz4Decompressor decompressor = new Lz4Decompressor();

    @Override
    public int maxCompressedLength(int length) {
        return compressor.maxCompressedLength(length);
    }

    @Override
    public int compress(byte[] src, int off, int len, byte[] dst, int dstOff) {
        return compressor.compress(src, off, len, dst, dstOff, dst.length - dstOff);
    }

    @Override
    public void decompress(byte[] src, int off, int len, byte[] dst, int dstOff, int dstLen) throws IOException {
        int n;
        try {
            n = decompressor.decompress(src, off, len, dst, dstOff, dstLen);
        } catch (MalformedInputException e) {
            throw corrupt(e);
        }
        checkDecompressed(n, dstLen);
    }

    static IOException corrupt(MalformedInputException e) {
        return new IOException("corrupt lz4 block: " + e.getMessage(), e);
    }

    /** Checks a block decompressed to exactly the {@code dstLen} bytes the page header says. */
    static void checkDecompressed(int n, int dstLen) throws IOException {
        if (n != dstLen) {
            throw new IOException("lz4 block decompressed to " + n + " bytes, the page header says " + dstLen);
        }
    }
}
