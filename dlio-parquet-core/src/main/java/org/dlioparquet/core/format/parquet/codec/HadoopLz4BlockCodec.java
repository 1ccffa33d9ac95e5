package org.dlioparquet.core.format.parquet.codec;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Decompressor;
import java.io.IOException;

/**
 * The deprecated Parquet codec LZ4 (thrift 5), read only. parquet-mr wrote it with Hadoop's block
 * framing: per block a big-endian uncompressed size, then chunks of big-endian compressed size and
 * an LZ4 block. Some old parquet-cpp versions wrote a bare LZ4 block under the same codec id, so
 * that is tried when the framing does not fit (as Arrow does).
 *
 * <p>The framing is parsed here rather than with aircompressor's {@code Lz4HadoopInputStream}
 * because that stream allocates whatever chunk length the data claims before checking it, and a
 * corrupt page must not be able to force a huge allocation.
 */
final class HadoopLz4BlockCodec implements BlockCodec {
    private final Lz4Decompressor lz4 = new Lz4Decompressor();

    @Override
    public int maxCompressedLength(int length) {
        throw new UnsupportedOperationException("writing the deprecated Hadoop LZ4 codec is not supported");
    }

    @Override
    public int compress(byte[] src, int off, int len, byte[] dst, int dstOff) {
        throw new UnsupportedOperationException("writing the deprecated Hadoop LZ4 codec is not supported");
    }

    @Override
    public void decompress(byte[] src, int off, int len, byte[] dst, int dstOff, int dstLen) throws IOException {
        String framingProblem = tryHadoopFraming(src, off, len, dst, dstOff, dstLen);
        if (framingProblem == null) {
            return;
        }
        int n;
        try {
            n = lz4.decompress(src, off, len, dst, dstOff, dstLen);
        } catch (MalformedInputException e) {
            throw new IOException("LZ4 page is neither Hadoop-framed (" + framingProblem + ") nor a raw LZ4 block ("
                    + e.getMessage() + ")", e);
        }
        if (n != dstLen) {
            throw new IOException("LZ4 page is neither Hadoop-framed (" + framingProblem + ") nor a raw LZ4 block of "
                    + dstLen + " bytes (got " + n + ")");
        }
    }

    /** Decodes Hadoop-framed blocks; returns null on success, else what did not fit. */
    private String tryHadoopFraming(byte[] src, int off, int len, byte[] dst, int dstOff, int dstLen) {
        int in = off;
        int end = off + len;
        int out = dstOff;
        int outEnd = dstOff + dstLen;
        while (in < end) {
            if (end - in < 8) {
                return "block header cut short at byte " + (in - off);
            }
            int blockSize = bigEndianInt(src, in);
            in += 4;
            if (blockSize < 0 || blockSize > outEnd - out) {
                return "block size " + blockSize + " exceeds the " + (outEnd - out) + " bytes left";
            }
            int blockEnd = out + blockSize;
            while (out < blockEnd) {
                if (end - in < 4) {
                    return "chunk header cut short at byte " + (in - off);
                }
                int chunk = bigEndianInt(src, in);
                in += 4;
                if (chunk <= 0 || chunk > end - in) {
                    return "chunk size " + chunk + " exceeds the " + (end - in) + " bytes left";
                }
                try {
                    out += lz4.decompress(src, in, chunk, dst, out, blockEnd - out);
                } catch (MalformedInputException e) {
                    return "corrupt chunk: " + e.getMessage();
                }
                in += chunk;
            }
        }
        return out == outEnd ? null : "blocks hold " + (out - dstOff) + " bytes, the page header says " + dstLen;
    }

    private static int bigEndianInt(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }
}
