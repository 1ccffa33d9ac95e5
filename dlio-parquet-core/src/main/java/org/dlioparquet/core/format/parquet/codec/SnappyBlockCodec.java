package org.dlioparquet.core.format.parquet.codec;

import java.io.IOException;
import org.xerial.snappy.Snappy;

/** SNAPPY through snappy-java's raw block API (Parquet stores bare Snappy blocks, no framing). */
final class SnappyBlockCodec implements BlockCodec {

    @Override
    public int maxCompressedLength(int length) {
        return Snappy.maxCompressedLength(length);
    }

    @Override
    public int compress(byte[] src, int off, int len, byte[] dst, int dstOff) throws IOException {
        return Snappy.compress(src, off, len, dst, dstOff);
    }

    @Override
    public void decompress(byte[] src, int off, int len, byte[] dst, int dstOff, int dstLen) throws IOException {
        // the block header states its size: check it before the native code writes anything
        checkDeclared(Snappy.uncompressedLength(src, off, len), dstLen);
        checkDecompressed(Snappy.uncompress(src, off, len, dst, dstOff), dstLen);
    }

    /** Checks the size a block's header declares is the page's, for {@link SnappyPageCodec} too. */
    static void checkDeclared(int declared, int dstLen) throws IOException {
        if (declared != dstLen) {
            throw new IOException("snappy block holds " + declared + " bytes, the page header says " + dstLen);
        }
    }

    static void checkDecompressed(int n, int dstLen) throws IOException {
        if (n != dstLen) {
            throw new IOException("snappy block decompressed to " + n + " bytes, the page header says " + dstLen);
        }
    }
}
