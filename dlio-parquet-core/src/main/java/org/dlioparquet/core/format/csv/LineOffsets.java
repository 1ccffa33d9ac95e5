package org.dlioparquet.core.format.csv;

import java.util.Arrays;

/** A growing list of line start offsets, kept as a plain {@code long[]} (8 bytes per line). */
final class LineOffsets {
    private long[] offsets = new long[256];
    private int size;

    void add(long offset) {
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[size++] = offset;
    }

    /** The offsets added, in a right-sized array. */
    long[] toArray() {
        return Arrays.copyOf(offsets, size);
    }
}
