package org.dlioparquet.core.format.csv;

import java.util.Arrays;

/**
 * Where the lines of an uncompressed CSV file start, so a sample is one positional read. Kept as
 * a plain {@code long[]}; past {@code maxEntries} lines it keeps every 2nd, then 4th, ... line
 * start instead, so a file of millions of tiny lines cannot exhaust memory: a read then starts
 * at the indexed line before the one asked for and skips forward.
 */
final class LineIndex {
    /** 8 MiB of offsets: every line of any realistic DLIO file (samples per file) is indexed. */
    static final int DEFAULT_MAX_ENTRIES = 1 << 20;

    private final int maxEntries;
    private long[] starts = new long[64];
    private int size;
    private int stride = 1;
    private long nextLine;
    private long lines;
    private long textEnd;

    LineIndex(int maxEntries) {
        if (maxEntries < 2) {
            throw new IllegalArgumentException("maxEntries must be >= 2");
        }
        this.maxEntries = maxEntries;
    }

    /** Called for the start of every line, in order (and once more at the end of a final line end). */
    void lineStart(long offset) {
        if (nextLine % stride == 0 && size == maxEntries) {
            thin();
        }
        if (nextLine % stride == 0) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, Math.min(maxEntries, starts.length * 2));
            }
            starts[size++] = offset;
        }
        nextLine++;
    }

    /** Keeps the entries of every other indexed line. */
    private void thin() {
        for (int i = 0; i < size; i += 2) {
            starts[i / 2] = starts[i];
        }
        size = (size + 1) / 2;
        stride *= 2;
    }

    /** Bytes of memory the index takes. */
    long bytes() {
        return 8L * starts.length;
    }

    /** Records the number of lines and the offset where the text ends. */
    void finish(long lineCount, long end) {
        this.lines = lineCount;
        this.textEnd = end;
    }

    /** The last indexed line at or before {@code line}: where a read of {@code line} starts. */
    int indexedLineAtOrBefore(int line) {
        return line / stride * stride;
    }

    /** Offset of an indexed line, as returned by {@link #indexedLineAtOrBefore}. */
    long offsetOf(int indexedLine) {
        return starts[indexedLine / stride];
    }

    /** An offset at or after the end of line {@code line - 1}: the end of a read of the lines before {@code line}. */
    long endBefore(int line) {
        long next = ((long) line + stride - 1) / stride * stride;
        return next >= lines ? textEnd : starts[(int) (next / stride)];
    }
}
