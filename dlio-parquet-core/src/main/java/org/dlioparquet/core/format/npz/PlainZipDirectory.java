package org.dlioparquet.core.format.npz;

import static org.dlioparquet.core.format.npz.ZipRecords.CENTRAL_SIG;
import static org.dlioparquet.core.format.npz.ZipRecords.CENTRAL_SIZE;
import static org.dlioparquet.core.format.npz.ZipRecords.EOCD_SIZE;
import static org.dlioparquet.core.format.npz.ZipRecords.LOCAL_SIG;
import static org.dlioparquet.core.format.npz.ZipRecords.LOCAL_SIZE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import org.dlioparquet.core.format.npy.ReadCounter;

/**
 * Finds one member of a plain ZIP archive with two small reads: the file's tail (end record and
 * central directory) and the member's local header; or in an archive already read whole. DLIO's
 * unet3d layout has one sample per NPZ file, so an epoch opens an archive per sample;
 * commons-compress spends about as long opening one (a dozen small reads and seeks) as reading a
 * 128 KiB sample. Anything beyond the plain archives numpy and our generator write (ZIP64 end
 * records, split archives, a central directory not in the tail, duplicate names, any
 * inconsistency) gives {@code null}, and the caller opens the archive with commons-compress, which
 * handles the rest and explains what is wrong.
 */
final class PlainZipDirectory {
    /**
     * Tail read at once: the end record and the directory of DLIO's two members (124 bytes in the
     * files numpy and we write); small, so that it rarely reads sample data that is read again.
     */
    static final int TAIL_BYTES = 256;

    private static final int ZIP64_EXTRA = 0x0001;
    private static final long U32_MAX = 0xFFFFFFFFL;

    private PlainZipDirectory() {
    }

    /** Reads of the archive: {@code n} bytes at {@code at}, little-endian from index 0; {@code null} past the end. */
    @FunctionalInterface
    private interface Reads {
        ByteBuffer read(long at, int n) throws IOException;
    }

    /** The member called {@code name}, or {@code null} when the archive is not plain enough to tell. */
    static ZipMember find(FileChannel channel, long size, String name, ReadCounter counter) throws IOException {
        return find((at, n) -> read(channel, at, n, counter), size, name);
    }

    /** Likewise in an archive read whole into {@code file}, from index 0 to its limit. */
    static ZipMember find(ByteBuffer file, String name) throws IOException {
        return find((at, n) -> at + n <= file.limit() ? file.slice((int) at, n).order(ByteOrder.LITTLE_ENDIAN) : null,
                file.limit(), name);
    }

    private static ZipMember find(Reads archive, long size, String name) throws IOException {
        if (size < EOCD_SIZE) {
            return null;
        }
        int tailLength = (int) Math.min(size, TAIL_BYTES);
        long tailStart = size - tailLength;
        ByteBuffer tail = archive.read(tailStart, tailLength);
        if (tail == null) {
            return null;
        }
        int eocd = ZipRecords.endRecord(tail, true);
        if (eocd < 0 || (tail.getShort(eocd + 4) | tail.getShort(eocd + 6)) != 0
                || tail.getShort(eocd + 8) != tail.getShort(eocd + 10)) {
            return null; // no end record in the tail, or a split archive
        }
        int entries = tail.getShort(eocd + 10) & 0xFFFF;
        long cdSize = tail.getInt(eocd + 12) & U32_MAX;
        long cdOffset = tail.getInt(eocd + 16) & U32_MAX;
        if (entries == 0xFFFF || cdSize == U32_MAX || cdOffset == U32_MAX
                || cdOffset + cdSize != tailStart + eocd || cdOffset < tailStart) {
            return null; // ZIP64 end records, or a directory that is not just before the end record
        }
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        Central found = null;
        int p = (int) (cdOffset - tailStart);
        for (int i = 0; i < entries; i++) {
            if (p + CENTRAL_SIZE > eocd || tail.getInt(p) != CENTRAL_SIG) {
                return null;
            }
            int nameLength = tail.getShort(p + 28) & 0xFFFF;
            int extraLength = tail.getShort(p + 30) & 0xFFFF;
            int next = p + CENTRAL_SIZE + nameLength + extraLength + (tail.getShort(p + 32) & 0xFFFF);
            if (next > eocd) {
                return null;
            }
            if (sameName(tail, p + CENTRAL_SIZE, nameLength, wanted)) {
                if (found != null) {
                    return null; // two members of one name: leave the choice to commons-compress
                }
                found = Central.parse(tail, p, nameLength, extraLength);
                if (found == null) {
                    return null;
                }
            }
            p = next;
        }
        if (p != eocd || found == null) {
            return null;
        }
        return locate(archive, found, wanted, cdOffset);
    }

    /** The member's central directory fields (ZIP64 extra applied). */
    private record Central(int flags, int method, long crc, long compressedSize, long size, long localOffset) {

        static Central parse(ByteBuffer b, int p, int nameLength, int extraLength) {
            if ((b.getShort(p + 34) & 0xFFFF) != 0) {
                return null; // starts on another disk (or ZIP64 disk number)
            }
            long size = b.getInt(p + 24) & U32_MAX;
            long compressed = b.getInt(p + 20) & U32_MAX;
            long local = b.getInt(p + 42) & U32_MAX;
            if (size == U32_MAX || compressed == U32_MAX || local == U32_MAX) {
                // ZIP64 extra: the 64-bit values of the fields set to 0xFFFFFFFF, in this order
                int x = zip64Extra(b, p + CENTRAL_SIZE + nameLength, extraLength);
                if (x < 0) {
                    return null;
                }
                int end = x + 4 + (b.getShort(x + 2) & 0xFFFF);
                int at = x + 4;
                if (size == U32_MAX) {
                    if (at + 8 > end) {
                        return null;
                    }
                    size = b.getLong(at);
                    at += 8;
                }
                if (compressed == U32_MAX) {
                    if (at + 8 > end) {
                        return null;
                    }
                    compressed = b.getLong(at);
                    at += 8;
                }
                if (local == U32_MAX) {
                    if (at + 8 > end) {
                        return null;
                    }
                    local = b.getLong(at);
                }
                if (size < 0 || compressed < 0 || local < 0) {
                    return null;
                }
            }
            return new Central(b.getShort(p + 8) & 0xFFFF, b.getShort(p + 10) & 0xFFFF, b.getInt(p + 16) & U32_MAX,
                    compressed, size, local);
        }
    }

    /** Reads the local header, which gives the data offset (its extra field may differ from the directory's). */
    private static ZipMember locate(Reads archive, Central c, byte[] name, long cdOffset) throws IOException {
        // compared by subtraction: ZIP64 offsets and sizes reach Long.MAX_VALUE, and sums would wrap
        if (c.localOffset() > cdOffset - LOCAL_SIZE - name.length) {
            return null;
        }
        long headerEnd = c.localOffset() + LOCAL_SIZE + name.length;
        ByteBuffer local = archive.read(c.localOffset(), LOCAL_SIZE + name.length);
        if (local == null || local.getInt(0) != LOCAL_SIG || (local.getShort(26) & 0xFFFF) != name.length
                || !sameName(local, LOCAL_SIZE, name.length, name)) {
            return null;
        }
        long dataOffset = headerEnd + (local.getShort(28) & 0xFFFF);
        if (c.compressedSize() > cdOffset - dataOffset) {
            return null; // data runs into the directory: commons-compress says so
        }
        boolean encrypted = (c.flags() & 1) != 0;
        return new ZipMember(c.method(), encrypted, dataOffset, c.compressedSize(), c.size(), c.crc());
    }

    private static int zip64Extra(ByteBuffer b, int from, int length) {
        int end = from + length;
        for (int x = from; x + 4 <= end; x += 4 + (b.getShort(x + 2) & 0xFFFF)) {
            if ((b.getShort(x) & 0xFFFF) == ZIP64_EXTRA) {
                return x + 4 + (b.getShort(x + 2) & 0xFFFF) <= end ? x : -1;
            }
        }
        return -1;
    }

    private static boolean sameName(ByteBuffer b, int at, int length, byte[] name) {
        if (length != name.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (b.get(at + i) != name[i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code n} bytes at {@code at}, or {@code null} when the file ends first. */
    private static ByteBuffer read(FileChannel channel, long at, int n, ReadCounter counter) throws IOException {
        ByteBuffer b = ZipRecords.read(channel, at, n, counter);
        return b.limit() == n ? b : null;
    }
}
