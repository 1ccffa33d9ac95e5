package org.dlioparquet.core.format.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads and strictly checks the header of an .npy stream: magic, version 1.0/2.0/3.0, a header
 * length that fits in what is left of the stream, and a Python-literal dict with exactly
 * {@code descr}, {@code fortran_order} and {@code shape}.
 */
public final class NpyHeaderReader {
    /** numpy itself refuses headers over 10 000 bytes by default; ours allows generous room. */
    public static final int MAX_HEADER_BYTES = 1 << 20;
    /**
     * First read where reads are positional: the 128 bytes numpy's and our headers take, so that
     * the data after them is not read twice (bytes read stay the file's bytes).
     */
    private static final int PROBE_BYTES = 128;

    private NpyHeaderReader() {
    }

    /**
     * Reads the header at the start of {@code region}: usually in one read; from a region that
     * {@linkplain ByteRegion#streamsForward streams forward}, in three exact reads (preamble, length,
     * dict), so that it never has to go back.
     */
    public static NpyHeader read(ByteRegion region, long maxHeaderBytes) throws IOException, NpyFormatException {
        long available = region.length();
        if (available == 0) {
            throw new NpyFormatException("empty (0 bytes), not an .npy array");
        }
        ByteBuffer start = ByteBuffer.allocate(region.streamsForward() ? 8 : (int) Math.min(available, PROBE_BYTES));
        int got = region.read(0, start);
        if (got < 8 || !Arrays.equals(start.array(), 0, 6, NpyHeader.MAGIC, 0, 6)) {
            throw new NpyFormatException("not an .npy array: expected magic \\x93NUMPY at byte 0, found "
                    + hex(start.array(), Math.min(got, 8)));
        }
        int major = start.get(6) & 0xFF;
        int minor = start.get(7) & 0xFF;
        if ((major < 1 || major > 3) || minor != 0) {
            throw new NpyFormatException("unsupported .npy format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer lengthField = ByteBuffer.allocate(lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        if (read(region, start, got, 8, lengthField) < lengthBytes) {
            throw new NpyFormatException("header preamble cut off: only " + available + " bytes");
        }
        long headerLength = major == 1 ? lengthField.getShort(0) & 0xFFFFL : lengthField.getInt(0) & 0xFFFFFFFFL;
        long preamble = 8L + lengthBytes;
        if (headerLength > available - preamble) {
            throw new NpyFormatException("header length " + headerLength + " exceeds the " + (available - preamble)
                    + " bytes left after the " + preamble + "-byte preamble");
        }
        if (headerLength > Math.min(MAX_HEADER_BYTES, maxHeaderBytes)) {
            throw new NpyFormatException("header length " + headerLength + " is larger than the "
                    + Math.min(MAX_HEADER_BYTES, maxHeaderBytes) + " bytes allowed");
        }
        ByteBuffer dict = ByteBuffer.allocate((int) headerLength);
        read(region, start, got, preamble, dict);
        // v1/v2 headers are latin-1, v3 UTF-8; only ASCII is legal in what we accept, so one decoding fits all
        String text = new String(dict.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return NpyHeaderDict.parse(text, preamble + headerLength);
    }

    /** Fills {@code dst} from {@code position}: from the first read where it holds them, else from the region. */
    private static int read(ByteRegion region, ByteBuffer first, int firstLength, long position, ByteBuffer dst)
            throws IOException {
        int copied = (int) Math.max(0, Math.min(dst.remaining(), firstLength - position));
        if (copied > 0) {
            dst.put(first.array(), (int) position, copied);
        }
        return dst.hasRemaining() ? copied + region.read(position + copied, dst) : copied;
    }

    private static String hex(byte[] bytes, int n) {
        return n <= 0 ? "nothing" : HexFormat.ofDelimiter(" ").formatHex(bytes, 0, n);
    }

    /** Checks that the data after the header is exactly what the shape needs. */
    public static void checkDataSize(NpyHeader header, long streamLength) throws NpyFormatException {
        long present = streamLength - header.dataOffset();
        if (present != header.dataBytes()) {
            throw new NpyFormatException("header shape " + header.shapeText() + " needs " + header.dataBytes()
                    + " bytes, " + (present < header.dataBytes() ? "only " + present + " present"
                    : present + " present (" + (present - header.dataBytes()) + " unexpected trailing bytes)"));
        }
    }
}
