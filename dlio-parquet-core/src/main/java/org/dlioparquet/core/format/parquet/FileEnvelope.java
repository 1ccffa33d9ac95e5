package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.dlioparquet.core.DataFileException;

/**
 * The frame of a Parquet file, checked before parquet-java reads anything: {@code PAR1}, data,
 * footer, 4-byte footer length, {@code PAR1}. parquet-java alone reports a bad frame with
 * messages that do not name the problem (or, for the leading magic, not at all).
 *
 * <p>Policy: the leading magic is checked too, although pyarrow and parquet-java ignore it. A file
 * that does not start with {@code PAR1} was not written by a Parquet writer (or was damaged at its
 * start), and a storage benchmark should not silently accept damaged data.
 */
final class FileEnvelope {
    static final int MAGIC_LENGTH = 4;
    /** Leading magic, footer length and trailing magic. */
    static final int MIN_FILE_LENGTH = 12;
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private FileEnvelope() {
    }

    /**
     * Checks size, both magic numbers and the footer length.
     *
     * @return the footer length, in {@code (0, size - 12]}
     */
    static long check(Path file, ChannelInputFile in, long size) throws IOException {
        if (size == 0) {
            throw new DataFileException(file, "empty file (0 bytes), not a Parquet file");
        }
        if (size < MIN_FILE_LENGTH) {
            throw new DataFileException(file, "file is " + size + " bytes, too small for a Parquet file (at least "
                    + MIN_FILE_LENGTH + ": magic, footer length, magic)");
        }
        ByteBuffer head = ByteBuffer.allocate(MAGIC_LENGTH);
        in.readFully(head, 0);
        if (!isMagic(head, 0)) {
            throw new DataFileException(file, "bad leading magic: expected \"PAR1\" at offset 0, found "
                    + render(head, 0) + "; not a Parquet file or damaged at its start");
        }
        ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        in.readFully(tail, size - 8);
        if (!isMagic(tail, 4)) {
            throw new DataFileException(file, "bad trailing magic: expected \"PAR1\" at offset " + (size - 4)
                    + ", found " + render(tail, 4) + "; the file is truncated or not a Parquet file");
        }
        long footerLength = Integer.toUnsignedLong(tail.getInt(0));
        long maxFooter = size - MIN_FILE_LENGTH;
        if (footerLength == 0 || footerLength > maxFooter) {
            throw new DataFileException(file, "footer length " + footerLength + " (at offset " + (size - 8)
                    + ") does not fit the file: " + size + " bytes leave room for at most " + maxFooter);
        }
        return footerLength;
    }

    private static boolean isMagic(ByteBuffer b, int at) {
        for (int i = 0; i < MAGIC_LENGTH; i++) {
            if (b.get(at + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Four bytes as text when printable, else as hex. */
    private static String render(ByteBuffer b, int at) {
        StringBuilder text = new StringBuilder("\"");
        StringBuilder hex = new StringBuilder("0x");
        boolean printable = true;
        for (int i = 0; i < MAGIC_LENGTH; i++) {
            int c = b.get(at + i) & 0xFF;
            printable &= c >= 0x20 && c < 0x7F;
            text.append((char) c);
            hex.append(String.format("%02x", c));
        }
        return printable ? text.append('"').toString() : hex.toString();
    }
}
