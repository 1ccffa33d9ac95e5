package org.dlioparquet.core.format.image;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * Cheap checks of an image file's structure, made on every read whether or not it is decoded: a
 * PNG's signature, chunk lengths and chunk CRCs (any flipped bit is found), a JPEG's markers and
 * segment lengths up to the scan and its end-of-image marker (truncation is found; JPEG has no
 * checksum, so a flipped bit inside the compressed scan only changes pixels).
 */
final class ImageStructure {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private ImageStructure() {
    }

    /** What is wrong with the file's bytes {@code [0, limit)} of {@code b}, or {@code null}. */
    static String problem(ImageCodec codec, ByteBuffer b) {
        return codec == ImageCodec.PNG ? png(b) : jpeg(b);
    }

    private static String png(ByteBuffer b) {
        int size = b.limit();
        if (size < PNG_SIGNATURE.length || !b.slice(0, PNG_SIGNATURE.length).equals(ByteBuffer.wrap(PNG_SIGNATURE))) {
            return "not a PNG file (signature " + hex(b, 0, Math.min(8, size)) + ")";
        }
        CRC32 crc = new CRC32();
        int pos = PNG_SIGNATURE.length;
        int chunk = 0;
        while (true) {
            if (size - pos < 12) {
                return "PNG ends at byte " + size + " inside chunk " + chunk + " (truncated file?)";
            }
            long length = b.getInt(pos) & 0xFFFFFFFFL;
            String type = ascii(b, pos + 4);
            if (length > size - pos - 12) {
                return "PNG chunk " + chunk + " '" + type + "' at byte " + pos + " claims " + length
                        + " bytes but the file ends at byte " + size + " (truncated file?)";
            }
            if (chunk == 0 && !type.equals("IHDR")) {
                return "PNG starts with chunk '" + type + "', not IHDR";
            }
            crc.reset();
            crc.update(b.slice(pos + 4, 4 + (int) length));
            int stored = b.getInt(pos + 8 + (int) length);
            if ((int) crc.getValue() != stored) {
                return "PNG chunk " + chunk + " '" + type + "' at byte " + pos + ": CRC mismatch (corrupt data)";
            }
            pos += 12 + (int) length;
            chunk++;
            if (type.equals("IEND")) {
                return null;
            }
        }
    }

    private static String jpeg(ByteBuffer b) {
        int size = b.limit();
        if (size < 4 || (b.get(0) & 0xFF) != 0xFF || (b.get(1) & 0xFF) != 0xD8) {
            return "not a JPEG file (starts with " + hex(b, 0, Math.min(4, size)) + ", not the SOI marker ff d8)";
        }
        int pos = 2;
        while (true) {
            if (size - pos < 4) {
                return "JPEG ends at byte " + size + " before its image data (truncated file?)";
            }
            int marker0 = b.get(pos) & 0xFF;
            int marker = b.get(pos + 1) & 0xFF;
            if (marker0 != 0xFF) {
                return "JPEG has no marker at byte " + pos + " (found " + hex(b, pos, 2) + ")";
            }
            if (marker == 0xFF) { // fill byte
                pos++;
                continue;
            }
            int length = b.getShort(pos + 2) & 0xFFFF;
            if (length < 2 || length > size - pos - 2) {
                return "JPEG segment ff " + String.format("%02x", marker) + " at byte " + pos + " claims " + length
                        + " bytes but the file ends at byte " + size + " (truncated file?)";
            }
            pos += 2 + length;
            if (marker == 0xDA) { // start of scan: entropy-coded data follows up to EOI
                break;
            }
        }
        if ((b.get(size - 2) & 0xFF) != 0xFF || (b.get(size - 1) & 0xFF) != 0xD9) {
            return "JPEG does not end with the EOI marker ff d9 (truncated file?)";
        }
        return null;
    }

    private static String ascii(ByteBuffer b, int at) {
        StringBuilder sb = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            int c = b.get(at + i) & 0xFF;
            sb.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        return sb.toString();
    }

    private static String hex(ByteBuffer b, int from, int n) {
        byte[] bytes = new byte[n];
        b.get(from, bytes);
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
