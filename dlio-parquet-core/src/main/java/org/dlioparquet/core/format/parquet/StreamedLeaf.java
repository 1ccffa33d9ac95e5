package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageType;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.storage.DirectBufferPool;

/**
 * One leaf column read page by page without parquet-java: {@link ChunkPages} finds and reads the
 * pages, {@link DecodedPage} decodes their levels and values, and this class hands rows to the
 * sink. Only the page holding the requested row (plus the chunk's dictionary) is in memory, so
 * memory is bounded by the largest page, not by the row group; rows can be asked for in any order.
 *
 * <p>The pieces are those {@link DecodedLeaf} delivers for the same column: per row, a value's
 * little-endian bytes (the low 1 or 2 bytes of an INT32 for 8- and 16-bit integers, 0/1 for a
 * boolean), a BYTE_ARRAY value as its own piece, a null as a null piece, an empty list as an empty
 * piece, and the consecutive fixed-width elements of a list as one piece. Values are views of the
 * page or of the dictionary where they lie in one run; the elements of a list that do not (a
 * dictionary, 8- and 16-bit integers, a row that spans pages) are gathered into a reused array.
 */
final class StreamedLeaf {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final LeafPlan plan;
    private final ChunkPages pages;
    private final PageTable table;
    private final DecodedPage page;
    private final Dictionary dictionary;
    private final boolean flat;
    private final int column;
    private final int maxDef;
    private final int emptyDef;
    /** Bytes delivered per fixed-width value; -1 for BYTE_ARRAY. */
    private final int pieceWidth;
    /** Bytes of a PLAIN value as stored; -1 for BYTE_ARRAY, 0 for booleans. */
    private final int storedWidth;
    private ByteBuffer emptyView;

    private int chunkRows;
    /** The page decoded in {@link #page}, or -1. */
    private int loaded = -1;
    /** Whether this file has been asked for more than one row (then pages are read ahead). */
    private boolean sequential;
    /** Whether the page table learned something an earlier reader of the file did not know. */
    private boolean learned;
    private ByteBuffer view;
    private ByteBuffer viewOf;

    /** The fixed-width elements of the list row being delivered. */
    private final ElementRun run;

    StreamedLeaf(LeafPlan plan, ChannelInputFile input, DirectBufferPool pool, long maxValueBytes) {
        this.plan = plan;
        this.flat = plan.maxRepetitionLevel() == 0;
        this.pages = new ChunkPages(input, pool, maxValueBytes, flat);
        this.table = pages.table;
        this.page = new DecodedPage(plan, maxValueBytes);
        this.dictionary = new Dictionary(maxValueBytes);
        this.column = plan.column();
        this.maxDef = plan.maxDefinitionLevel();
        this.emptyDef = plan.emptyListDef();
        int stored = DecodedPage.storedWidth(plan.descriptor().getPrimitiveType());
        this.storedWidth = stored;
        this.pieceWidth = plan.kind() == LeafPlan.ValueKind.INT8 ? 1 : plan.kind() == LeafPlan.ValueKind.INT16 ? 2
                : plan.kind() == LeafPlan.ValueKind.BOOLEAN ? 1 : stored;
        this.run = new ElementRun(pieceWidth, maxValueBytes);
    }

    LeafPlan plan() {
        return plan;
    }

    /**
     * Starts on the leaf's chunk of a row group of {@code rows} rows.
     *
     * @param known  what an earlier reader learned about the chunk's pages, or null
     * @param sample whether only a row or two will be read (use the offset index to find it)
     * @param partOfChunk whether the rows read are a part of the chunk (use the offset index too)
     */
    void startChunk(ColumnChunkMetaData chunk, int rows, PageTable.Known known, boolean sample, boolean partOfChunk)
            throws IOException {
        loaded = -1;
        learned = false;
        chunkRows = rows;
        dictionary.clear();
        pages.start(chunk, rows, known, sample && !sequential || partOfChunk);
        learned = known == null && table.pages > 0;
    }

    /** What the page table knows when it learned something since {@link #startChunk}, else null. */
    PageTable.Known learned() {
        return learned ? table.snapshot() : null;
    }

    /** The file bytes that rows {@code [from, to)} are read from, when known without reading; else null. */
    long[] span(int from, int to) {
        return table.span(from, to, ChunkPages.HEADER_PROBE);
    }

    /** Hands rows {@code [from, to)} of the chunk to the sink as samples {@code firstSample, ...}. */
    void deliver(int from, int to, int firstSample, SampleSink sink) throws IOException {
        if (to - from > 1 || sequential) {
            sequential = true;
            pages.readAhead();
        }
        if (flat) {
            deliverFlat(from, to, firstSample, sink);
        } else {
            for (int row = from; row < to; row++) {
                int p = pageOfRow(row);
                show(p);
                deliverRow(p, row - table.firstRows[p], firstSample + row - from, sink);
            }
        }
    }

    private void deliverFlat(int from, int to, int firstSample, SampleSink sink) throws IOException {
        if (sequential && dictionary.deferred()) {
            // asked for more rows than one after all: the dictionary is read whole after all
            dictionary.clear();
            loaded = -1;
        }
        int row = from;
        while (row < to) {
            int p = pageOfRow(row);
            if (!sequential && loaded != p && table.valuesAt[p] == PageTable.UNKNOWN && storedWidth > 0) {
                learnValuesFromHeader(p);
            }
            if (!sequential && loaded != p && table.valuesAt[p] != PageTable.UNKNOWN) {
                emitAlone(p, row - table.firstRows[p], firstSample + row - from, sink);
                row++;
                continue;
            }
            show(p);
            int first = table.firstRows[p];
            int n = Math.min(to, first + table.rowCounts[p]) - row;
            if (page.dictionaryEncoded && dictionary.deferred()) {
                for (int i = 0; i < n; i++) {
                    emitFromDictionary(row - first + i, firstSample + row - from + i, sink);
                }
            } else if (pieceWidth >= 0) {
                emitFixed(row - first, n, firstSample + row - from, sink);
            } else {
                emitBytes(row - first, n, firstSample + row - from, sink);
            }
            row += n;
        }
    }

    private void emitFixed(int e0, int n, int sample0, SampleSink sink) {
        DecodedPage pg = page;
        ByteBuffer v = viewOf(pg.base);
        int[] ids = pg.ids;
        int w = pg.width;
        int off = pg.baseOffset;
        int pw = pieceWidth;
        int col = column;
        // the common cases without a test per value: no nulls, PLAIN or dictionary. Views are cleared
        // before they are moved: limit() compares the new limit with the old position, a branch that
        // random dictionary indices make unpredictable (3x slower)
        if (pg.allPresent && ids == null) {
            for (int i = 0, at = off + e0 * w; i < n; i++, at += w) {
                sink.accept(sample0 + i, col, v.clear().limit(at + pw).position(at));
            }
            return;
        }
        if (pg.allPresent) {
            for (int i = 0; i < n; i++) {
                int at = off + ids[e0 + i] * w;
                sink.accept(sample0 + i, col, v.clear().limit(at + pw).position(at));
            }
            return;
        }
        // with nulls: no branch on null or not (unpredictable); a null sets the view to offset 0, unused
        int[] valueOf = pg.valueOf;
        if (ids == null) {
            for (int i = 0; i < n; i++) {
                int value = valueOf[e0 + i];
                int present = ~(value >> 31);
                int at = (off + value * w) & present;
                v.clear().limit(at + pw).position(at);
                sink.accept(sample0 + i, col, present == 0 ? null : v);
            }
        } else {
            for (int i = 0; i < n; i++) {
                int value = valueOf[e0 + i];
                int present = ~(value >> 31);
                int at = (off + ids[value & present] * w) & present;
                v.clear().limit(at + pw).position(at);
                sink.accept(sample0 + i, col, present == 0 ? null : v);
            }
        }
    }

    private void emitBytes(int e0, int n, int sample0, SampleSink sink) {
        DecodedPage pg = page;
        ByteBuffer v = viewOf(pg.base);
        int[] valueOf = pg.allPresent ? null : pg.valueOf;
        int[] ids = pg.ids;
        int[] starts = pg.starts;
        int[] ends = pg.ends;
        int col = column;
        for (int i = 0; i < n; i++) {
            int e = e0 + i;
            int value = valueOf == null ? e : valueOf[e];
            if (value < 0) {
                sink.accept(sample0 + i, col, null);
                continue;
            }
            int id = ids == null ? value : ids[value];
            sink.accept(sample0 + i, col, v.clear().limit(ends[id]).position(starts[id]));
        }
    }

    /**
     * Whether one entry of the chunk's dictionary can be read alone: an uncompressed dictionary page
     * of fixed-width values, or of large values whose bounds an earlier read of the page noted, in
     * a flat column.
     */
    private boolean dictionaryEntriesKnown() {
        return flat && pages.uncompressed && table.dictionary != null
                && (storedWidth > 0 || storedWidth < 0 && table.dictionaryBounds != null);
    }

    /** Hands entry {@code e} of the decoded page to the sink, reading its value alone from the dictionary page. */
    private void emitFromDictionary(int e, int sample, SampleSink sink) throws IOException {
        DecodedPage pg = page;
        int value = pg.allPresent ? e : pg.valueOf[e];
        if (value < 0) {
            sink.accept(sample, column, null);
            return;
        }
        int id = pg.ids[value];
        long at;
        int length;
        if (storedWidth > 0) {
            at = table.dictionary.headerLength() + (long) id * storedWidth;
            length = storedWidth;
        } else {
            int[] b = table.dictionaryBounds;
            at = b[id] + 4L;
            length = b[id + 1] - b[id] - 4;
        }
        if (at + length > table.dictionarySize || length < 0) {
            throw new CorruptDataException("dictionary entry " + id + " lies past the end of its page");
        }
        int index = pages.readRange(table.dictionaryOffset + at, length);
        int end = index + (pieceWidth >= 0 ? pieceWidth : length);
        sink.accept(sample, column, viewOf(pages.buffer()).clear().limit(end).position(index));
    }

    /**
     * Reads value {@code k} of page {@code p} alone, where an earlier read of the page (or its header)
     * found it: an uncompressed PLAIN page without nulls, of fixed-width values or values of one length.
     */
    private void emitAlone(int p, int k, int sample, SampleSink sink) throws IOException {
        long at;
        int length;
        if (pieceWidth >= 0) {
            at = table.valuesAt[p] + (long) k * storedWidth;
            length = storedWidth;
        } else {
            int[] b = table.bounds[p];
            at = b[k] + 4L;
            length = b[k + 1] - b[k] - 4;
        }
        if (at + length > table.sizes[p] || length < 0) {
            throw new CorruptDataException("value " + k + " of the page at byte " + table.offsets[p]
                    + " lies past its end");
        }
        int index = pages.readRange(table.offsets[p] + at, length);
        int end = index + (pieceWidth >= 0 ? pieceWidth : length);
        sink.accept(sample, column, viewOf(pages.buffer()).clear().limit(end).position(index));
    }

    /**
     * For fixed-width values, where a page's values lie follows from its header: a PLAIN page of a
     * required column holds nothing before them but (v2) empty level sections.
     */
    private void learnValuesFromHeader(int p) throws IOException {
        if (!pages.uncompressed || maxDef > 0) {
            return;
        }
        PageInfo h = pages.header(p);
        if ((h.type() == PageType.DATA_PAGE || h.type() == PageType.DATA_PAGE_V2) && h.encoding() == Encoding.PLAIN
                && h.repetitionBytes() == 0 && h.definitionBytes() == 0) {
            table.valuesAt[p] = h.headerLength();
            learned = true;
        }
    }

    /**
     * Notes where a PLAIN page's values lie, if one value of it can be read alone next time
     * ({@link #emitAlone}): an uncompressed page whose rows all hold a value (so row k is value k).
     */
    private void learnValues(int p) {
        DecodedPage pg = page;
        if (!pages.uncompressed || !pg.allPresent || pg.ids != null || table.valuesAt[p] != PageTable.UNKNOWN
                || pieceWidth >= 0 && storedWidth <= 0 || pg.entries == 0) {
            return;
        }
        if (pieceWidth < 0) {
            int[] b = PageTable.bounds(pg.starts, pg.ends, pg.entries, pages.pageStart);
            if (b == null) {
                return;
            }
            table.bounds[p] = b;
            table.valuesAt[p] = b[0];
        } else {
            table.valuesAt[p] = pg.baseOffset - pages.pageStart;
        }
        learned = true;
    }

    /** A view of {@code base} this leaf may move; made again only when the base changes. */
    private ByteBuffer viewOf(ByteBuffer base) {
        if (viewOf != base) {
            view = base.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            viewOf = base;
        }
        return view;
    }

    /** The page in which row {@code row} starts, reading page headers (and levels) as far as needed. */
    private int pageOfRow(int row) throws IOException {
        if (loaded >= 0 && table.firstRows[loaded] <= row && row < table.firstRows[loaded] + page.rowCount) {
            return loaded;
        }
        if (row >= chunkRows) {
            throw new IllegalStateException("row " + row + " of a chunk of " + chunkRows);
        }
        while (true) {
            int p = table.lastPageStartingAtOrBefore(row);
            if (p >= 0) {
                if (table.rowCounts[p] == PageTable.UNKNOWN) {
                    show(p);
                    continue;
                }
                if (row < table.firstRows[p] + table.rowCounts[p]) {
                    return p;
                }
                if (p + 1 < table.pages && table.firstRows[p + 1] == PageTable.UNKNOWN) {
                    table.rowsFound(p, table.rowCounts[p], table.leading[p]);
                    continue;
                }
            }
            if (!pages.morePages()) {
                int known = table.rowsKnown();
                throw new CorruptDataException("the pages of the column chunk hold " + (known < 0 ? "fewer" : known)
                        + " rows but the row group has " + chunkRows);
            }
            pages.findNextPage();
            learned = true;
        }
    }

    /** Reads and decodes page {@code p} unless it is the one decoded; checks its rows against the table. */
    private void show(int p) throws IOException {
        if (loaded == p) {
            return;
        }
        loaded = -1;
        // headers read for the first time are worth passing on to the next open of the file
        learned |= table.infos[p] == null;
        if (!dictionary.loaded() && table.dictionaryOffset != PageTable.UNKNOWN) {
            if (!sequential && dictionaryEntriesKnown()) {
                dictionary.defer(table.dictionary.values());
            } else {
                learned |= table.dictionary == null || table.dictionaryBounds == null && storedWidth < 0;
                pages.loadDictionary(dictionary, storedWidth);
            }
        }
        pages.load(p);
        page.decode(pages, dictionary);
        if (flat) {
            if (page.entries != table.rowCounts[p]) {
                throw new CorruptDataException("a data page holds " + page.entries + " values but its "
                        + (table.indexed ? "offset index" : "header") + " says " + table.rowCounts[p]);
            }
            learnValues(p);
        } else {
            int leading = page.rowCount > 0 ? page.rowStarts[0] : page.entries;
            if (p == 0 && leading > 0) {
                throw new CorruptDataException("the first value has repetition level " + page.firstLevel
                        + ", a row must start at level 0");
            }
            if (table.rowCounts[p] == PageTable.UNKNOWN) {
                table.rowsFound(p, page.rowCount, leading);
                learned = true;
                int first = table.firstRows[p];
                if (first != PageTable.UNKNOWN && page.rowCount > chunkRows - first) {
                    throw new CorruptDataException("the column chunk holds more than the " + chunkRows
                            + " rows of its row group");
                }
            } else if (page.rowCount != table.rowCounts[p] || leading != table.leading[p]) {
                // a v2 page and a page of the offset index begin a row; a page read before began where it did
                throw new CorruptDataException("a data page holds " + page.rowCount + " rows"
                        + (leading != 0 ? " after " + leading + " values of a row begun before it" : "") + " but "
                        + (table.leading[p] == 0 ? "its header or the offset index says " + table.rowCounts[p]
                        + " rows beginning with the page" : "held " + table.rowCounts[p] + " after "
                        + table.leading[p] + " when it was read before"));
            }
        }
        loaded = p;
    }

    /** Delivers the row starting at the {@code k}-th row start of page {@code p}, following it into later pages. */
    private void deliverRow(int p, int k, int sample, SampleSink sink) throws IOException {
        DecodedPage pg = page;
        int e = pg.rowStarts[k];
        int v = pg.allPresent ? e : pg.rowValues[k];
        boolean last = k + 1 >= pg.rowCount;
        int end = last ? pg.entries : pg.rowStarts[k + 1];
        int current = p;
        while (true) {
            emitEntries(e, end, v, sample, sink);
            if (!last || !continuesInto(current + 1)) {
                break;
            }
            run.keep();
            current++;
            show(current);
            pg = page;
            last = pg.rowCount == 0;
            e = 0;
            v = 0;
            end = last ? pg.entries : pg.rowStarts[0];
        }
        run.flush(sample, column, sink);
    }

    /** Whether page {@code p} (the next one) begins with entries of the row before it. */
    private boolean continuesInto(int p) throws IOException {
        while (p >= table.pages) {
            if (!pages.morePages()) {
                return false;
            }
            pages.findNextPage();
            learned = true;
        }
        if (table.leading[p] == PageTable.UNKNOWN) {
            run.keep();
            show(p);
        }
        return table.leading[p] > 0;
    }

    /** Entries {@code [e, end)} of the decoded page, whose first value is value {@code v}. */
    private void emitEntries(int e, int end, int v, int sample, SampleSink sink) throws CorruptDataException {
        DecodedPage pg = page;
        if (pg.allPresent) {
            if (pieceWidth >= 0) {
                if (end > e) {
                    run.append(pg, v, end - e);
                }
            } else {
                for (int i = 0; i < end - e; i++) {
                    emitValue(v + i, sample, sink);
                }
            }
            return;
        }
        int value = v;
        int[] defs = pg.defs;
        for (int i = e; i < end; i++) {
            int def = defs[i];
            if (def == maxDef) {
                if (pieceWidth >= 0) {
                    run.append(pg, value, 1);
                } else {
                    emitValue(value, sample, sink);
                }
                value++;
            } else {
                run.flush(sample, column, sink);
                sink.accept(sample, column, def == emptyDef ? empty() : null);
            }
        }
    }

    private ByteBuffer empty() {
        if (emptyView == null) {
            emptyView = EMPTY.duplicate();
        }
        return emptyView.clear();
    }

    /** A BYTE_ARRAY value as its own piece. */
    private void emitValue(int value, int sample, SampleSink sink) {
        DecodedPage pg = page;
        int id = pg.ids == null ? value : pg.ids[value];
        sink.accept(sample, column, viewOf(pg.base).clear().limit(pg.ends[id]).position(pg.starts[id]));
    }

    /** Bytes of the buffers held: the page window and the decompressed page. */
    long heldBytes() {
        return pages.heldBytes();
    }

    /** Gives the buffers back to the pool. */
    void release() {
        pages.release();
        view = null;
        viewOf = null;
        run.clear();
        loaded = -1;
    }
}
