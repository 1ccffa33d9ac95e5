package org.dlioparquet.core.format.parquet;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.parquet.column.values.bitpacking.BytePacker;
import org.apache.parquet.column.values.bitpacking.Packer;

/**
 * Parquet's RLE/bit-packed hybrid encoding (levels, dictionary indices, RLE booleans), decoded a
 * whole page's stream at a time: a run is one value repeated, or groups of 8 values bit-packed
 * little-endian. Runs of one value are filled, packed groups are unpacked straight into the output
 * by parquet-java's generated unpackers; questions about levels (all one value? where does a row
 * start?) are answered run by run, without writing one int per value. Data that ends before the
 * values asked for is a {@link CorruptDataException}. Not thread-safe: one per leaf.
 */
final class HybridRle {
    /** Values unpacked at a time when a packed run is only looked at. */
    private static final int CHUNK = 512;
    /** Groups of 8 values copied from the buffer at a time. */
    private static final int BATCH_GROUPS = 64;
    private static final BytePacker[] PACKERS = new BytePacker[33];

    static {
        for (int w = 1; w <= 32; w++) {
            PACKERS[w] = Packer.LITTLE_ENDIAN.newBytePacker(w);
        }
    }

    // made on first use: a file opened to read one sample may never need them
    private int[] chunk;
    private byte[] bytes;
    private ByteBuffer in;
    private int pos;
    private int end;
    private int bitWidth;
    private int byteWidth;
    private BytePacker packer;
    // the current run: RLE (value repeated length times) or bit-packed (length values at packedAt)
    private boolean rle;
    private int value;
    private int length;
    private int packedAt;
    private int found;
    private int firstLevel;

    /**
     * Starts on the encoded values in {@code [pos, end)} of {@code in}.
     *
     * @throws CorruptDataException for a bit width outside 0..32
     */
    HybridRle start(ByteBuffer in, int pos, int end, int bitWidth) throws CorruptDataException {
        if (bitWidth < 0 || bitWidth > 32) {
            throw new CorruptDataException("bit width " + bitWidth + " of RLE/bit-packed data is outside 0..32");
        }
        this.in = in;
        this.pos = pos;
        this.end = end;
        this.bitWidth = bitWidth;
        this.byteWidth = (bitWidth + 7) / 8;
        this.packer = PACKERS[bitWidth];
        this.length = 0;
        return this;
    }

    /** Decodes the next {@code count} values into {@code out[at, at + count)}; {@code out} needs 8 spare slots. */
    void decode(int[] out, int at, int count) throws CorruptDataException {
        int filled = 0;
        while (filled < count) {
            int n = take(count - filled);
            if (rle) {
                Arrays.fill(out, at + filled, at + filled + n, value);
            } else {
                unpack(out, at + filled, n);
            }
            filled += n;
        }
    }

    /** Whether the next {@code count} values all equal {@code expected} (consumes them either way). */
    boolean allEqual(int count, int expected) throws CorruptDataException {
        int[] chunk = chunk();
        boolean equal = true;
        for (int done = 0; done < count; ) {
            int n = take(Math.min(count - done, CHUNK));
            if (rle) {
                equal &= value == expected;
            } else if (equal) {
                unpack(chunk, 0, n);
                for (int i = 0; i < n; i++) {
                    equal &= chunk[i] == expected;
                }
            }
            done += n;
        }
        return equal;
    }

    /**
     * Reads {@code count} definition levels of a flat column and writes, per entry, the index of its
     * value among the values present, or -1 for a null (level below {@code maxLevel}); returns how
     * many values are present. {@code valueOf} needs 8 spare slots.
     *
     * @throws CorruptDataException for a level above {@code maxLevel}
     */
    int presence(int count, int maxLevel, int[] valueOf) throws CorruptDataException {
        int[] chunk = chunk();
        int present = 0;
        for (int e = 0; e < count; ) {
            int n = take(Math.min(count - e, CHUNK));
            if (rle) {
                if (value == maxLevel) {
                    for (int i = 0; i < n; i++) {
                        valueOf[e + i] = present + i;
                    }
                    present += n;
                } else if (value >= 0 && value < maxLevel) {
                    Arrays.fill(valueOf, e, e + n, -1);
                } else {
                    throw new CorruptDataException("definition level " + Integer.toUnsignedLong(value)
                            + " is outside 0.." + maxLevel);
                }
            } else {
                unpack(chunk, 0, n);
                int bad = 0;
                for (int i = 0; i < n; i++) {
                    int level = chunk[i];
                    bad |= level | maxLevel - level;
                    int here = level == maxLevel ? 1 : 0;
                    valueOf[e + i] = here != 0 ? present : -1;
                    present += here;
                }
                if (bad < 0) {
                    throw new CorruptDataException("a definition level is outside 0.." + maxLevel);
                }
            }
            e += n;
        }
        return present;
    }

    /**
     * Reads {@code count} repetition levels and records where each row starts (level 0) in
     * {@code starts}, grown as needed; returns the array, with the count in {@link #found()}.
     *
     * @throws CorruptDataException for a level above {@code maxLevel}
     */
    int[] rowStarts(int count, int maxLevel, int[] starts) throws CorruptDataException {
        int[] chunk = chunk();
        int[] s = starts;
        int k = 0;
        for (int e = 0; e < count; ) {
            int n = take(Math.min(count - e, CHUNK));
            if (rle) {
                if (value > maxLevel || value < 0) {
                    throw new CorruptDataException("repetition level " + Integer.toUnsignedLong(value)
                            + " is outside 0.." + maxLevel);
                }
                if (e == 0) {
                    firstLevel = value;
                }
                if (value == 0) {
                    s = room(s, k + n);
                    for (int i = 0; i < n; i++) {
                        s[k++] = e + i;
                    }
                }
            } else {
                unpack(chunk, 0, n);
                if (e == 0) {
                    firstLevel = chunk[0];
                }
                s = room(s, k + n);
                for (int i = 0; i < n; i++) {
                    int level = chunk[i];
                    if (level > maxLevel || level < 0) {
                        throw new CorruptDataException("repetition level " + Integer.toUnsignedLong(level)
                                + " is outside 0.." + maxLevel);
                    }
                    if (level == 0) {
                        s[k++] = e + i;
                    }
                }
            }
            e += n;
        }
        found = k;
        return s;
    }

    /** The first level read by the last {@link #rowStarts}. */
    int firstLevel() {
        return firstLevel;
    }

    /** Row starts found by the last {@link #rowStarts}. */
    int found() {
        return found;
    }

    private int[] chunk() {
        if (chunk == null) {
            chunk = new int[CHUNK + 8];
        }
        return chunk;
    }

    private static int[] room(int[] a, int needed) {
        return needed + 8 <= a.length ? a : Arrays.copyOf(a, Math.max(needed + 8, a.length * 2));
    }

    /** Moves on to the next run when the current one is used up; returns how many of its values to take. */
    private int take(int wanted) throws CorruptDataException {
        while (length == 0) {
            nextRun();
        }
        int n = Math.min(wanted, length);
        length -= n;
        return n;
    }

    private void nextRun() throws CorruptDataException {
        if (pos >= end) {
            throw new CorruptDataException("RLE/bit-packed data ends before all its values");
        }
        int header = readVarInt();
        int count = header >>> 1;
        if ((header & 1) == 0) {
            if (end - pos < byteWidth) {
                throw new CorruptDataException("an RLE run's value is cut off");
            }
            int v = 0;
            for (int i = 0; i < byteWidth; i++) {
                v |= (in.get(pos + i) & 0xFF) << (8 * i);
            }
            pos += byteWidth;
            rle = true;
            value = v;
            length = count;
        } else {
            long bytes = (long) count * bitWidth;
            packedAt = pos;
            pos = (int) Math.min(end, pos + bytes);
            rle = false;
            length = (int) Math.min((long) count * 8, Integer.MAX_VALUE);
        }
    }

    /** An unsigned LEB128 int of at most 5 bytes. */
    private int readVarInt() throws CorruptDataException {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos >= end) {
                throw new CorruptDataException("an RLE/bit-packed run header is cut off");
            }
            int b = in.get(pos++) & 0xFF;
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new CorruptDataException("an RLE/bit-packed run header is longer than 5 bytes");
    }

    /**
     * Unpacks the next {@code n} values of the current packed run into {@code out[at..]} (whole
     * groups of 8, so up to 7 more slots are written).
     */
    // the array unpackers are deprecated for the ByteBuffer ones, which check an index per byte read
    @SuppressWarnings("deprecation")
    private void unpack(int[] out, int at, int n) throws CorruptDataException {
        if (bytes == null) {
            bytes = new byte[BATCH_GROUPS * 32];
        }
        if (bitWidth == 0) {
            Arrays.fill(out, at, at + n, 0);
            return;
        }
        int available = pos - packedAt;
        if ((long) n * bitWidth > 8L * available) {
            throw new CorruptDataException("bit-packed data ends before all its values");
        }
        int groups = (n + 7) / 8;
        // copied to the heap a batch at a time: the unpackers read arrays without a bounds check per byte
        for (int g = 0; g < groups; ) {
            int batch = Math.min(groups - g, BATCH_GROUPS);
            int from = packedAt + g * bitWidth;
            int size = batch * bitWidth;
            int have = Math.min(size, pos - from);
            in.get(from, bytes, 0, have);
            if (have < size) {
                // a last group cut short: the missing high bits belong to values nobody asked for
                Arrays.fill(bytes, have, size, (byte) 0);
            }
            int k = 0;
            for (; k + 4 <= batch; k += 4) {
                packer.unpack32Values(bytes, k * bitWidth, out, at + (g + k) * 8);
            }
            for (; k < batch; k++) {
                packer.unpack8Values(bytes, k * bitWidth, out, at + (g + k) * 8);
            }
            g += batch;
        }
        packedAt += groups * bitWidth;
        // the rest of the last group is skipped with it: keep the run aligned to whole groups
        length -= Math.min(length, groups * 8 - n);
    }
}
