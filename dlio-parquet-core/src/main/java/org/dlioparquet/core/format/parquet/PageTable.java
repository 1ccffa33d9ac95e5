package org.dlioparquet.core.format.parquet;

import java.util.Arrays;

/**
 * Where the data pages of one column chunk are and which rows start in each, as far as known: all
 * of it at once from the chunk's offset index, or page header by page header as the chunk is
 * walked (for a repeated column with v1 pages, a page's rows are known only once its repetition
 * levels were read). What one open file learns is handed to the next through {@link Known}, so
 * that reading one sample per open ({@code read_type: on_demand}) goes straight to its pages.
 */
final class PageTable {
    static final int UNKNOWN = -1;
    /**
     * Mean bytes of the BYTE_ARRAY values of a page from which their bounds are kept: an int per
     * value is then at most 1/256 of the values.
     */
    static final int LARGE_VALUE = 1024;

    int pages;
    /** File offset of each page's header. */
    long[] offsets = new long[8];
    /** Bytes of each page: header and data. */
    int[] sizes = new int[8];
    /** Rows that start before each page, or UNKNOWN. */
    int[] firstRows = new int[8];
    /** Rows that start in each page, or UNKNOWN. */
    int[] rowCounts = new int[8];
    /** Entries at the start of each page that continue the previous page's last row, or UNKNOWN. */
    int[] leading = new int[8];
    /**
     * For PLAIN pages of a required flat column in an uncompressed chunk: where value 0 lies, from
     * the page's offset, so that one value can be read alone; else UNKNOWN.
     */
    int[] valuesAt = new int[8];
    /**
     * For such pages of large BYTE_ARRAY values: where each value's length prefix lies, from the
     * page's offset, and where the last value ends; else null.
     */
    int[][] bounds = new int[8][];
    /** What each page's header says, null until read. */
    PageInfo[] infos = new PageInfo[8];
    /** Offset of the first page header not read yet; the chunk's end when every page is known. */
    long frontier;
    /** Values (level entries) of the data pages before the frontier. */
    long frontierValues;
    /** The dictionary page (header and data), or offset UNKNOWN when the chunk has none or it is not found yet. */
    long dictionaryOffset = UNKNOWN;
    int dictionarySize;
    /** The dictionary page's header, null until read. */
    PageInfo dictionary;
    /** For an uncompressed dictionary page of large BYTE_ARRAY values: their bounds as {@link #bounds}; else null. */
    int[] dictionaryBounds;
    /** Whether the pages come from the chunk's offset index (else from their headers). */
    boolean indexed;

    /** Starts over for a chunk whose pages start at {@code start}. */
    void reset(long start) {
        Arrays.fill(infos, 0, pages, null);
        pages = 0;
        dictionary = null;
        dictionaryBounds = null;
        indexed = false;
        frontier = start;
        frontierValues = 0;
        dictionaryOffset = UNKNOWN;
        dictionarySize = 0;
    }

    /** Adds a page; returns its index. */
    int add(long offset, int size, int firstRow, int rowCount, int leadingEntries) {
        if (pages == offsets.length) {
            int n = pages * 2;
            offsets = Arrays.copyOf(offsets, n);
            sizes = Arrays.copyOf(sizes, n);
            firstRows = Arrays.copyOf(firstRows, n);
            rowCounts = Arrays.copyOf(rowCounts, n);
            leading = Arrays.copyOf(leading, n);
            valuesAt = Arrays.copyOf(valuesAt, n);
            bounds = Arrays.copyOf(bounds, n);
            infos = Arrays.copyOf(infos, n);
        }
        offsets[pages] = offset;
        sizes[pages] = size;
        firstRows[pages] = firstRow;
        rowCounts[pages] = rowCount;
        leading[pages] = leadingEntries;
        valuesAt[pages] = UNKNOWN;
        bounds[pages] = null;
        infos[pages] = null;
        return pages++;
    }

    /** Records the rows found in page {@code p} once its levels were read, and what follows from it. */
    void rowsFound(int p, int rows, int leadingEntries) {
        rowCounts[p] = rows;
        leading[p] = leadingEntries;
        if (p + 1 < pages && firstRows[p] != UNKNOWN && firstRows[p + 1] == UNKNOWN) {
            firstRows[p + 1] = firstRows[p] + rows;
        }
    }

    /** Rows known to start in pages before the frontier: those of the last page whose rows are known. */
    int rowsKnown() {
        return pages == 0 ? 0 : firstRows[pages - 1] == UNKNOWN || rowCounts[pages - 1] == UNKNOWN ? UNKNOWN
                : firstRows[pages - 1] + rowCounts[pages - 1];
    }

    /**
     * The page in which row {@code row} starts, as far as the table knows: the last page whose first
     * row is known and not after {@code row}, or -1. First rows are known for a prefix of the pages.
     */
    int lastPageStartingAtOrBefore(int row) {
        int lo = 0;
        int hi = pages - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int first = firstRows[mid];
            if (first != UNKNOWN && first <= row) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /**
     * The file bytes of the pages that hold rows {@code [from, to)}, and {@code headerBytes} more for
     * the header of the page after them; null unless the table knows those pages already.
     */
    long[] span(int from, int to, int headerBytes) {
        int first = lastPageStartingAtOrBefore(from);
        int last = lastPageStartingAtOrBefore(to - 1);
        if (first < 0 || last < 0 || rowCounts[last] == UNKNOWN || to > firstRows[last] + rowCounts[last]) {
            return null;
        }
        return new long[] {offsets[first], offsets[last] + sizes[last] + headerBytes};
    }

    /**
     * Where {@code n} PLAIN BYTE_ARRAY values at buffer indices {@code [starts[v], ends[v])} lie
     * relative to {@code origin}: the length prefix of each, and the end of the last; null when
     * they are too small to be worth reading one by one (the page is read whole then).
     */
    static int[] bounds(int[] starts, int[] ends, int n, int origin) {
        if (n == 0 || (long) (ends[n - 1] - starts[0]) < (long) n * LARGE_VALUE) {
            return null;
        }
        int[] b = new int[n + 1];
        for (int v = 0; v < n; v++) {
            b[v] = starts[v] - 4 - origin;
        }
        b[n] = ends[n - 1] - origin;
        return b;
    }

    /** What is known, to be shared with the next reader of the same chunk. */
    Known snapshot() {
        return new Known(pages, Arrays.copyOf(offsets, pages), Arrays.copyOf(sizes, pages),
                Arrays.copyOf(firstRows, pages), Arrays.copyOf(rowCounts, pages), Arrays.copyOf(leading, pages),
                Arrays.copyOf(valuesAt, pages), Arrays.copyOf(bounds, pages), Arrays.copyOf(infos, pages),
                frontier, frontierValues, dictionaryOffset, dictionarySize, dictionary, dictionaryBounds, indexed);
    }

    /** Takes over what an earlier reader learned. */
    void restore(Known k) {
        reset(k.frontier);
        frontierValues = k.frontierValues;
        for (int p = 0; p < k.pages; p++) {
            add(k.offsets[p], k.sizes[p], k.firstRows[p], k.rowCounts[p], k.leading[p]);
            valuesAt[p] = k.valuesAt[p];
            bounds[p] = k.bounds[p];
            infos[p] = k.infos[p];
        }
        dictionaryOffset = k.dictionaryOffset;
        dictionarySize = k.dictionarySize;
        dictionary = k.dictionary;
        dictionaryBounds = k.dictionaryBounds;
        indexed = k.indexed;
    }

    /**
     * An immutable copy of a table, shared between threads; a table knowing more pages replaces it.
     */
    record Known(int pages, long[] offsets, int[] sizes, int[] firstRows, int[] rowCounts, int[] leading,
                 int[] valuesAt, int[][] bounds, PageInfo[] infos, long frontier, long frontierValues,
                 long dictionaryOffset, int dictionarySize, PageInfo dictionary, int[] dictionaryBounds,
                 boolean indexed) {
        /** How much this copy knows: pages found, then what is known of each. */
        long knowledge() {
            long known = (dictionary == null ? 0 : 1) + (dictionaryBounds == null ? 0 : 1);
            for (int p = 0; p < pages; p++) {
                known += (rowCounts[p] == UNKNOWN || leading[p] == UNKNOWN ? 0 : 1) + (valuesAt[p] == UNKNOWN ? 0 : 1)
                        + (bounds[p] == null ? 0 : 1) + (infos[p] == null ? 0 : 1);
            }
            return ((long) pages << 32) + known;
        }
    }
}
