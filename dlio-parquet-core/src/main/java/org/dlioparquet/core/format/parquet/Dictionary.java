package org.dlioparquet.core.format.parquet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The dictionary page of the column chunk being read, copied onto the heap (its page buffer is
 * reused for data pages): PLAIN values, fixed-width or length-prefixed. Entry {@code i} is bytes
 * {@code [offset(i), offset(i) + width)} of {@link #bytes()} for a fixed-width type, or
 * {@code [starts[i], ends[i])} for BYTE_ARRAY. Arrays are reused from chunk to chunk.
 */
final class Dictionary {
    private final long maxBytes;
    // made when a dictionary is first loaded
    private byte[] bytes = new byte[0];
    private ByteBuffer view;
    private int[] starts = new int[0];
    private int[] ends = new int[0];
    private int size;
    private boolean loaded;
    private boolean deferred;

    Dictionary(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Forgets the previous chunk's dictionary. */
    void clear() {
        loaded = false;
        deferred = false;
        size = 0;
    }

    boolean loaded() {
        return loaded;
    }

    /**
     * Stands for a dictionary of {@code size} values left in the file: a file opened to read one
     * sample reads the one entry it needs, where an earlier open found the entries.
     */
    void defer(int size) {
        this.size = size;
        this.deferred = true;
        this.loaded = false;
    }

    /** Whether the entries are left in the file ({@link #defer}). */
    boolean deferred() {
        return deferred;
    }

    int size() {
        return size;
    }

    /** The entries' bytes (little-endian view of the backing array). */
    ByteBuffer bytes() {
        return view;
    }

    byte[] array() {
        return bytes;
    }

    int[] starts() {
        return starts;
    }

    int[] ends() {
        return ends;
    }

    /**
     * Loads {@code count} PLAIN values from {@code [pos, end)} of a decompressed dictionary page.
     *
     * @param width bytes per value, or -1 for length-prefixed BYTE_ARRAY values
     */
    void load(ByteBuffer page, int pos, int end, int count, int width) throws CorruptDataException {
        if (count < 0) {
            throw new CorruptDataException("the dictionary page declares " + count + " values");
        }
        int length = end - pos;
        if (width >= 0 && (long) count * width > length) {
            throw new CorruptDataException("the dictionary page holds " + length + " bytes, too few for " + count
                    + " values of " + width + " bytes");
        }
        if (width < 0 && count * 4L > length) {
            throw new CorruptDataException("the dictionary page holds " + length + " bytes, too few for " + count
                    + " length-prefixed values");
        }
        int used = width >= 0 ? count * width : length;
        if (view == null || bytes.length < Math.max(used, width)) {
            // at least one value's width: a null is handed out as a view of offset 0
            bytes = new byte[Math.max(64, Math.max(used, width))];
            view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        page.get(pos, bytes, 0, used);
        if (width < 0) {
            index(count, used);
        }
        size = count;
        loaded = true;
        deferred = false;
    }

    /** Finds the length-prefixed values in the copied page. */
    private void index(int count, int used) throws CorruptDataException {
        if (starts.length < count) {
            if (count * 8L > maxBytes) {
                throw new CorruptDataException("the dictionary's index needs more than " + maxBytes
                        + " bytes (the reader's maxValueBytes)");
            }
            starts = new int[count];
            ends = new int[count];
        }
        int at = 0;
        for (int i = 0; i < count; i++) {
            if (used - at < 4) {
                throw new CorruptDataException("dictionary value " + i + " starts past the end of its page");
            }
            int n = view.getInt(at);
            at += 4;
            if (n < 0 || n > used - at) {
                throw new CorruptDataException("dictionary value " + i + " declares " + n + " bytes but "
                        + (used - at) + " are left");
            }
            starts[i] = at;
            ends[i] = at + n;
            at += n;
        }
    }
}
