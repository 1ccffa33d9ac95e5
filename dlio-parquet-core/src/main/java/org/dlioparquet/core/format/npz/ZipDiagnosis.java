package org.dlioparquet.core.format.npz;

import static org.dlioparquet.core.format.npz.ZipRecords.CENTRAL_SIG;
import static org.dlioparquet.core.format.npz.ZipRecords.EOCD_SIZE;
import static org.dlioparquet.core.format.npz.ZipRecords.LOCAL_SIG;
import static org.dlioparquet.core.format.npz.ZipRecords.MAX_COMMENT;
import static org.dlioparquet.core.format.npz.ZipRecords.ZIP64_EOCD_SIG;
import static org.dlioparquet.core.format.npz.ZipRecords.ZIP64_LOCATOR_SIG;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.HexFormat;
import org.dlioparquet.core.format.npy.ReadCounter;

/**
 * Says precisely what is wrong with a file that commons-compress refused as a ZIP archive, by
 * checking the few structures a reader meets first: the end of central directory record (and its
 * ZIP64 locator), the central directory's position, and its first signature. Only consulted
 * after a failure, so valid archives pay nothing for it.
 */
final class ZipDiagnosis {
    private final FileChannel channel;
    private final long size;
    private final ReadCounter counter;

    private ZipDiagnosis(FileChannel channel, long size, ReadCounter counter) {
        this.channel = channel;
        this.size = size;
        this.counter = counter;
    }

    /** What is wrong, or {@code null} when these structures look sound. */
    static String diagnose(FileChannel channel, long size, ReadCounter counter) throws IOException {
        return new ZipDiagnosis(channel, size, counter).diagnose();
    }

    private String diagnose() throws IOException {
        boolean startsLikeZip = size >= 4 && readInt(0) == LOCAL_SIG;
        if (size < EOCD_SIZE) {
            return "truncated or not a zip archive: " + size + " bytes is less than the 22-byte end of central "
                    + "directory record";
        }
        long eocd = findEndRecord();
        if (eocd < 0) {
            return startsLikeZip
                    ? "truncated zip archive: it starts with a local file header but the end of central directory "
                    + "record is missing (file is " + size + " bytes)"
                    : "not a zip archive: no end of central directory record in the last "
                    + Math.min(size, EOCD_SIZE + MAX_COMMENT) + " bytes and no local file header at byte 0";
        }
        ByteBuffer end = read(eocd, EOCD_SIZE);
        long cdSize = end.getInt(12) & 0xFFFFFFFFL;
        long cdOffset = end.getInt(16) & 0xFFFFFFFFL;
        long directoryLimit = eocd;
        if (cdSize == 0xFFFFFFFFL || cdOffset == 0xFFFFFFFFL) {
            if (eocd < 20 || readInt(eocd - 20) != ZIP64_LOCATOR_SIG) {
                return "corrupt zip: end record at offset " + eocd + " defers to ZIP64 but the ZIP64 locator is "
                        + "missing";
            }
            long record = read(eocd - 20, 20).getLong(8);
            if (record < 0 || record > eocd - 56 || readInt(record) != ZIP64_EOCD_SIG) {
                return "corrupt zip: ZIP64 end of central directory record not found at offset " + record;
            }
            ByteBuffer r64 = read(record, 56);
            cdSize = r64.getLong(40);
            cdOffset = r64.getLong(48);
            directoryLimit = record;
        }
        if (cdOffset < 0 || cdOffset >= size) {
            return "corrupt zip: central directory offset " + cdOffset + " (from the end record at offset " + eocd
                    + ") is beyond the end of the file (" + size + " bytes)";
        }
        if (cdSize < 0 || cdSize > directoryLimit - cdOffset) { // ZIP64 sizes would make a sum wrap
            return "corrupt zip: central directory at offset " + cdOffset + " with " + cdSize
                    + " bytes runs past the end record at offset " + directoryLimit;
        }
        if (cdSize > 0 && (cdOffset + 4 > size || readInt(cdOffset) != CENTRAL_SIG)) {
            return "corrupt zip: bad central directory signature at offset " + cdOffset + ": expected 50 4b 01 02, found "
                    + hex(read(cdOffset, (int) Math.min(4, size - cdOffset)));
        }
        return null;
    }

    /** Offset of the last end record whose comment length fits the file, or -1. */
    private long findEndRecord() throws IOException {
        int tail = (int) Math.min(size, EOCD_SIZE + MAX_COMMENT);
        long start = size - tail;
        int i = ZipRecords.endRecord(read(start, tail), false);
        return i < 0 ? -1 : start + i;
    }

    private int readInt(long at) throws IOException {
        return read(at, 4).getInt(0);
    }

    /** {@code n} bytes at {@code at}; zeros past the end of the file (every read here is checked against its size). */
    private ByteBuffer read(long at, int n) throws IOException {
        return ZipRecords.read(channel, at, n, counter).limit(n);
    }

    /** The buffer of {@link #read}: a heap buffer from index 0. */
    private static String hex(ByteBuffer b) {
        return HexFormat.ofDelimiter(" ").formatHex(b.array(), 0, b.limit());
    }
}
