package org.dlioparquet.core.format.csv;

/** CSV text that can be entered at any offset: the file itself, or its text held in memory. */
interface RangeSource extends ByteSource {
    /** Makes text bytes {@code [start, end)} the bytes {@link #read} delivers. */
    void select(long start, long end);

    /** Bytes read from storage so far (0 for text in memory). */
    long bytesRead();
}
