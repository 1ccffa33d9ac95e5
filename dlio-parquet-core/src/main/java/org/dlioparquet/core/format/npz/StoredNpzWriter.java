package org.dlioparquet.core.format.npz;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Writes the stored (uncompressed) members of an NPZ that is built in memory, byte for byte as
 * {@code ZipArchiveOutputStream} writes them with the generator's settings (seekable output,
 * {@code Zip64Mode.AsNeeded}, no UTF-8 flag, numpy's 1980-01-01 member time): a local header with
 * a Zip64 extra field, the member, then the central directory and its end record. commons-compress
 * sets up a deflater and a 70 KB directory buffer for every archive, which for a 1 MiB file took
 * longer than generating its bytes; here a member is written once into the buffer, its CRC taken
 * from there, and its header filled in afterwards. Members must stay below 4 GiB (files built in
 * memory are at most {@link NpzFileGenerator#IN_MEMORY_BYTES}).
 */
final class StoredNpzWriter {
    /** What a member's bytes are written with. */
    @FunctionalInterface
    interface MemberContent {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Version needed to extract (1.0: stored) and version made by (2.0, MS-DOS), as commons-compress writes them. */
    private static final int VERSION_NEEDED = 10;
    private static final int VERSION_MADE_BY = 20;
    /** MS-DOS date of 1980-01-01 (time 00:00 is 0), numpy's member time. */
    private static final int DOS_DATE = (1 << 5) | 1;
    private static final int ZIP64_EXTRA_ID = 0x0001;
    /** Zip64 extra field of a local header: id, length, size and compressed size. */
    private static final int ZIP64_EXTRA_SIZE = 20;
    private static final int MAX_MEMBERS = 2;

    private final MemoryChannel out;
    private final OutputStream stream;
    private final CRC32 crc = new CRC32();
    private final byte[][] names = new byte[MAX_MEMBERS][];
    private final long[] crcs = new long[MAX_MEMBERS];
    private final long[] sizes = new long[MAX_MEMBERS];
    private final long[] offsets = new long[MAX_MEMBERS];
    private int members;

    /** @param out an emptied channel the archive is written into from position 0 */
    StoredNpzWriter(MemoryChannel out) {
        this.out = out;
        this.stream = Channels.newOutputStream(out);
    }

    /** Appends a stored member named {@code name} (ASCII) holding what {@code content} writes. */
    void member(String name, MemberContent content) throws IOException {
        if (members == MAX_MEMBERS) {
            throw new IllegalStateException("an NPZ of the generator has " + MAX_MEMBERS + " members");
        }
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        long offset = out.position();
        long dataStart = offset + ZipRecords.LOCAL_SIZE + nameBytes.length + ZIP64_EXTRA_SIZE;
        out.position(dataStart);
        content.writeTo(stream);
        long dataEnd = out.position();
        crc.reset();
        crc.update(out.contents().limit((int) dataEnd).position((int) dataStart));
        int m = members++;
        names[m] = nameBytes;
        crcs[m] = crc.getValue();
        sizes[m] = dataEnd - dataStart;
        offsets[m] = offset;
        ByteBuffer header = record(ZipRecords.LOCAL_SIZE + nameBytes.length + ZIP64_EXTRA_SIZE)
                .putInt(ZipRecords.LOCAL_SIG)
                .putShort((short) VERSION_NEEDED)
                .putShort((short) 0) // flags
                .putShort((short) 0) // stored
                .putShort((short) 0) // time 00:00
                .putShort((short) DOS_DATE)
                .putInt((int) crcs[m])
                .putInt((int) sizes[m]) // compressed size
                .putInt((int) sizes[m])
                .putShort((short) nameBytes.length)
                .putShort((short) ZIP64_EXTRA_SIZE)
                .put(nameBytes)
                .putShort((short) ZIP64_EXTRA_ID)
                .putShort((short) (ZIP64_EXTRA_SIZE - 4))
                .putLong(sizes[m])
                .putLong(sizes[m]);
        out.position(offset);
        write(header);
        out.position(dataEnd);
    }

    /** Appends the central directory and its end record. */
    void finish() throws IOException {
        long directoryStart = out.position();
        for (int m = 0; m < members; m++) {
            write(record(ZipRecords.CENTRAL_SIZE + names[m].length)
                    .putInt(ZipRecords.CENTRAL_SIG)
                    .putShort((short) VERSION_MADE_BY)
                    .putShort((short) VERSION_NEEDED)
                    .putShort((short) 0) // flags
                    .putShort((short) 0) // stored
                    .putShort((short) 0) // time
                    .putShort((short) DOS_DATE)
                    .putInt((int) crcs[m])
                    .putInt((int) sizes[m])
                    .putInt((int) sizes[m])
                    .putShort((short) names[m].length)
                    .putShort((short) 0) // extra field
                    .putShort((short) 0) // comment
                    .putShort((short) 0) // disk
                    .putShort((short) 0) // internal attributes
                    .putInt(0) // external attributes
                    .putInt((int) offsets[m])
                    .put(names[m]));
        }
        long directorySize = out.position() - directoryStart;
        write(record(ZipRecords.EOCD_SIZE)
                .putInt(ZipRecords.EOCD_SIG)
                .putShort((short) 0) // this disk
                .putShort((short) 0) // the directory's disk
                .putShort((short) members)
                .putShort((short) members)
                .putInt((int) directorySize)
                .putInt((int) directoryStart)
                .putShort((short) 0)); // comment
    }

    private static ByteBuffer record(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void write(ByteBuffer record) throws IOException {
        record.flip();
        while (record.hasRemaining()) {
            out.write(record);
        }
    }
}
