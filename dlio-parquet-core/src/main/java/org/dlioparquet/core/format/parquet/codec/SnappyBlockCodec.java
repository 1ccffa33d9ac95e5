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
        int declared = Snappy.uncompressedLength(src, off, len);
        if (declared != dstLen) {
            throw new IOException("snappy block holds " + declared + " bytes, the page header says " + dstLen);
        }
        int n = Snappy.uncompress(src, off, len, dst, dstOff);
        if (n != dstLen) {
            throw new IOException("snappy block decompressed to " + n + " bytes, the page header says " + dstLen);
        }
    }
}
