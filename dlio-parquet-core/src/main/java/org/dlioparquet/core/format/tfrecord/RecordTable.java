package org.dlioparquet.core.format.tfrecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.format.npy.ReadCounter;

/**
 * Where each record of a TFRecord file is: its offset and its length with the framing. Read from
 * the file's DALI index when there is one, else found by walking the frames' headers (one 12-byte
 * read per record). Either way every entry is checked against the file size, so a later read of a
 * record can never run past the file.
 */
final class RecordTable {
    private final long[] offsets;
    private final long[] lengths;
    private final int count;
    private final Path index;

    /** Memory the table holds: two longs per record. */
    long memoryBytes() {
        return 16L * offsets.length;
    }

    private RecordTable(long[] offsets, long[] lengths, int count, Path index) {
        this.offsets = offsets;
        this.lengths = lengths;
        this.count = count;
        this.index = index;
    }

    int count() {
        return count;
    }

    long offset(int record) {
        return offsets[record];
    }

    /** Bytes of the record, framing included. */
    long length(int record) {
        return lengths[record];
    }

    /** The index file the table came from, or {@code null} when the frames were walked. */
    Path index() {
        return index;
    }

    /**
     * Parses a DALI index: lines {@code "<offset> <length>"}.
     *
     * @param maxBytes largest index file read
     */
    static RecordTable fromIndex(Path index, Path data, long dataSize, long maxBytes, ReadCounter counter)
            throws IOException {
        long size = Files.size(index);
        String where = "its DALI index " + index;
        if (size > maxBytes) {
            throw new DataFileException(data, where + " has " + size + " bytes, more than the " + maxBytes
                    + "-byte limit for one read; is it a TFRecord index?");
        }
        byte[] text = Files.readAllBytes(index);
        counter.add(text.length);
        Growable table = new Growable();
        int line = 0;
        int pos = 0;
        long end = 0;
        long[] fields = new long[2];
        while (pos < text.length) {
            line++;
            int eol = pos;
            while (eol < text.length && text[eol] != '\n') {
                eol++;
            }
            int start = pos;
            pos = eol + 1;
            if (!plainLine(text, start, eol, fields)) {
                String entry = new String(text, start, eol - start, StandardCharsets.US_ASCII).trim();
                if (entry.isEmpty()) {
                    continue;
                }
                try {
                    String[] parts = entry.split(" +");
                    if (parts.length != 2) {
                        throw new NumberFormatException();
                    }
                    fields[0] = Long.parseLong(parts[0]);
                    fields[1] = Long.parseLong(parts[1]);
                } catch (NumberFormatException e) {
                    throw new DataFileException(data, where + " line " + line + ": expected '<offset> <length>', got '"
                            + (entry.length() > 60 ? entry.substring(0, 60) + "..." : entry) + "'");
                }
            }
            long offset = fields[0];
            long length = fields[1];
            if (offset < end || length < TfRecordFraming.OVERHEAD || offset > dataSize - length) {
                throw new DataFileException(data, where + " line " + line + ": record at byte " + offset + " of "
                        + length + " bytes does not fit the file (" + dataSize + " bytes"
                        + (offset < end ? ", overlaps the previous record ending at byte " + end : "") + ")");
            }
            table.add(offset, length);
            end = offset + length;
        }
        return table.build(index);
    }

    /**
     * Reads the common line {@code "<digits> <digits>"} (as DLIO writes it) without building a
     * string; {@code false} for anything else, which the general parser then accepts or refuses.
     */
    private static boolean plainLine(byte[] text, int from, int to, long[] fields) {
        int at = from;
        for (int f = 0; f < 2; f++) {
            long v = 0;
            int digitsFrom = at;
            while (at < to && text[at] >= '0' && text[at] <= '9') {
                if (v > (Long.MAX_VALUE - 9) / 10) {
                    return false;
                }
                v = v * 10 + (text[at++] - '0');
            }
            if (at == digitsFrom || (f == 0 && (at == to || text[at++] != ' '))) {
                return false;
            }
            fields[f] = v;
        }
        return at == to;
    }

    /** Walks the frames of the whole file, checking each length against its CRC. */
    static RecordTable scan(Path file, FileChannel channel, long size, ReadCounter counter) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(TfRecordFraming.HEADER).order(ByteOrder.LITTLE_ENDIAN);
        Growable table = new Growable();
        long pos = 0;
        while (pos < size) {
            int record = table.count;
            if (size - pos < TfRecordFraming.OVERHEAD) {
                throw new DataFileException(file, "record " + record + " at byte " + pos + ": only " + (size - pos)
                        + " bytes left, less than a record's 16 framing bytes (truncated file?)");
            }
            header.clear();
            while (header.hasRemaining()) {
                int n = channel.read(header, pos + header.position());
                if (n < 0) {
                    throw new DataFileException(file, "file ends at byte " + (pos + header.position())
                            + " inside the header of record " + record);
                }
                counter.add(n);
            }
            long payload = header.getLong(0);
            int crc = header.getInt(8);
            if (crc != TfRecordFraming.maskedCrc(header.duplicate().position(0).limit(8))) {
                throw new DataFileException(file, "record " + record + " at byte " + pos + ": length field CRC "
                        + "mismatch (corrupt header; not a TFRecord file?)");
            }
            if (payload < 0 || payload > size - pos - TfRecordFraming.OVERHEAD) {
                throw new DataFileException(file, "record " + record + " at byte " + pos + " claims " + payload
                        + " payload bytes but the file has " + (size - pos - TfRecordFraming.OVERHEAD)
                        + " left (truncated file?)");
            }
            table.add(pos, payload + TfRecordFraming.OVERHEAD);
            pos += payload + TfRecordFraming.OVERHEAD;
        }
        return table.build(null);
    }

    /** Two growing arrays; a table of a million records costs 16 MB while it is built. */
    private static final class Growable {
        private long[] offsets = new long[64];
        private long[] lengths = new long[64];
        private int count;

        void add(long offset, long length) throws DataFileException {
            if (count == Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("more than 2^31 records");
            }
            if (count == offsets.length) {
                int n = (int) Math.min(Integer.MAX_VALUE - 8L, 2L * count);
                offsets = Arrays.copyOf(offsets, n);
                lengths = Arrays.copyOf(lengths, n);
            }
            offsets[count] = offset;
            lengths[count] = length;
            count++;
        }

        RecordTable build(Path index) {
            return new RecordTable(Arrays.copyOf(offsets, count), Arrays.copyOf(lengths, count), count, index);
        }
    }
}
