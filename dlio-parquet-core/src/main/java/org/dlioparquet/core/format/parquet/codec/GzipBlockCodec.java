package org.dlioparquet.core.format.parquet.codec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

/**
 * GZIP pages with {@code java.util.zip}. Compression reuses one raw Deflater and writes the fixed
 * 10-byte gzip header and the CRC/size trailer itself: {@code GZIPOutputStream} would allocate a new
 * native zlib stream for every page. Decompression goes through {@code GZIPInputStream}, which also
 * reads pages made of several concatenated gzip members.
 */
final class GzipBlockCodec implements BlockCodec {
    /** Magic, deflate, no flags, mtime 0, no extra flags, OS "unknown": the same bytes every run. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final int TRAILER = 8;

    private final int level;
    private Deflater deflater;
    private final CRC32 crc = new CRC32();

    GzipBlockCodec(int level) {
        this.level = level;
    }

    @Override
    public int maxCompressedLength(int length) {
        // zlib's deflateBound for any level/strategy, plus the gzip header and trailer
        long bound = (long) length + ((length + 7L) >> 3) + ((length + 63L) >> 6) + 5 + HEADER.length + TRAILER;
        return Math.toIntExact(bound);
    }

    @Override
    public int compress(byte[] src, int off, int len, byte[] dst, int dstOff) throws IOException {
        if (deflater == null) {
            deflater = new Deflater(level, true);
        }
        deflater.reset();
        deflater.setInput(src, off, len);
        deflater.finish();
        System.arraycopy(HEADER, 0, dst, dstOff, HEADER.length);
        int pos = dstOff + HEADER.length;
        int trailerAt = dst.length - TRAILER;
        while (!deflater.finished()) {
            if (pos >= trailerAt) {
                throw new IOException("gzip output exceeded its bound of " + (dst.length - dstOff) + " bytes");
            }
            pos += deflater.deflate(dst, pos, trailerAt - pos);
        }
        crc.reset();
        crc.update(src, off, len);
        putLittleEndianInt(dst, pos, (int) crc.getValue());
        putLittleEndianInt(dst, pos + 4, len);
        return pos + TRAILER - dstOff;
    }

    @Override
    public void decompress(byte[] src, int off, int len, byte[] dst, int dstOff, int dstLen) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(src, off, len), 8192)) {
            int n = in.readNBytes(dst, dstOff, dstLen);
            if (n != dstLen) {
                throw new IOException("gzip data inflates to " + n + " bytes, the page header says " + dstLen);
            }
            if (in.read() >= 0) {
                throw new IOException("gzip data inflates to more than the " + dstLen + " bytes the page header says");
            }
        }
    }

    /** Frees the native zlib stream; the codec may still be used afterwards. */
    @Override
    public void release() {
        if (deflater != null) {
            deflater.end();
            deflater = null;
        }
    }

    private static void putLittleEndianInt(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) (v >>> 16);
        b[i + 3] = (byte) (v >>> 24);
    }
}
