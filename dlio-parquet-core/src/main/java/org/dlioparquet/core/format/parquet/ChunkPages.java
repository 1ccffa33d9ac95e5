package org.dlioparquet.core.format.parquet;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.format.OffsetIndex;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageLocation;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.internal.hadoop.metadata.IndexReference;
import org.dlioparquet.core.format.parquet.codec.PageDecompressor;
import org.dlioparquet.core.format.parquet.codec.ParquetCodecFactory;
import org.dlioparquet.core.storage.DirectBufferPool;

/**
 * The pages of one column chunk as bytes: finds them (from the chunk's offset index, or by reading
 * page headers one after another), reads them with positional reads into a reused direct buffer and
 * decompresses them into another. Reads only what it is asked for: a page, its header, the
 * dictionary page; once asked for consecutive rows ({@link #readAhead}) each page read also brings
 * the next page's header. After {@link #load} the page's sections are in the public fields.
 */
final class ChunkPages {
    /** Bytes first parsed for a page header; larger headers (page statistics) are read again whole. */
    static final int HEADER_PROBE = 256;

    final PageTable table = new PageTable();
    private final ChunkWindow window;
    private final DirectBufferPool pool;
    private final ChannelInputFile input;
    private final ChunkPageLimit pageLimit;
    private final long maxValueBytes;
    private final boolean flat;
    private final Map<CompressionCodecName, PageDecompressor> decompressors = new EnumMap<>(CompressionCodecName.class);
    private PageDecompressor decompressor;
    private ByteBuffer decompressed;
    private boolean readAhead;

    // the chunk
    private long chunkStart;
    private long chunkEnd;
    private int chunkRows;
    private long chunkValues;

    // the page loaded last: its header, levels (v2: in the file buffer) and values (maybe decompressed);
    // a v1 page has its levels, length-prefixed, at the start of its values section
    PageInfo header;
    boolean v2;
    ByteBuffer levels;
    int repStart;
    int repEnd;
    int defEnd;
    ByteBuffer values;
    int valuesStart;
    int valuesEnd;
    /** Level entries of the loaded page. */
    int entries;
    /** Where the loaded page's header starts in the file buffer. */
    int pageStart;
    /** Whether the chunk's pages are stored uncompressed. */
    boolean uncompressed;

    ChunkPages(ChannelInputFile input, DirectBufferPool pool, long maxValueBytes, boolean flat) {
        this.input = input;
        this.window = new ChunkWindow(input, pool);
        this.pool = pool;
        this.pageLimit = new ChunkPageLimit(maxValueBytes);
        this.maxValueBytes = maxValueBytes;
        this.flat = flat;
    }

    /** From now on a page read also brings the next page's header (the file is read row after row). */
    void readAhead() {
        readAhead = true;
    }

    /**
     * Starts on a column chunk of {@code rows} rows, with what an earlier reader learned about its
     * pages ({@code known}, may be null); without it, the offset index is read when {@code useIndex}.
     *
     * @throws CorruptDataException when the chunk's value count cannot be the row count
     */
    void start(ColumnChunkMetaData chunk, int rows, PageTable.Known known, boolean useIndex) throws IOException {
        chunkStart = chunk.getStartingPos();
        chunkEnd = chunkStart + chunk.getTotalSize();
        chunkRows = rows;
        chunkValues = chunk.getValueCount();
        if (flat ? chunkValues != rows : chunkValues < rows) {
            throw new CorruptDataException("the column chunk holds " + chunkValues + " values but the row group has "
                    + rows + " rows");
        }
        pageLimit.target(chunk.getTotalUncompressedSize());
        // null for UNCOMPRESSED
        decompressor = decompressors.computeIfAbsent(chunk.getCodec(), ParquetCodecFactory::pageDecompressor);
        uncompressed = decompressor == null;
        if (known != null) {
            table.restore(known);
        } else {
            table.reset(chunkStart);
            if (useIndex && chunk.getOffsetIndexReference() != null) {
                readOffsetIndex(chunk);
            }
        }
    }

    /** Loads the chunk's page table from its offset index, or leaves it to be walked when the index is unusable. */
    private void readOffsetIndex(ColumnChunkMetaData chunk) throws IOException {
        IndexReference ref = chunk.getOffsetIndexReference();
        if (ref.getLength() <= 0 || ref.getLength() > maxValueBytes || ref.getOffset() < 0
                || ref.getOffset() > input.getLength() - ref.getLength()) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.allocate(ref.getLength());
        try {
            input.readFully(bytes, ref.getOffset());
        } catch (EOFException e) {
            return;
        } catch (IOException e) {
            throw new StorageIOException(e);
        }
        OffsetIndex index;
        try {
            index = Util.readOffsetIndex(new BufferInput(bytes, 0, bytes.limit()));
        } catch (IOException | RuntimeException e) {
            return; // a damaged index: the page headers say the same
        }
        List<PageLocation> locations = index.getPage_locations();
        if (locations == null || locations.isEmpty()) {
            return;
        }
        long previousEnd = chunkStart;
        long previousFirst = 0;
        for (int p = 0; p < locations.size(); p++) {
            PageLocation l = locations.get(p);
            long first = l.getFirst_row_index();
            long next = p + 1 < locations.size() ? locations.get(p + 1).getFirst_row_index() : chunkRows;
            boolean sane = l.getOffset() >= previousEnd && l.getCompressed_page_size() > 0
                    && l.getOffset() + l.getCompressed_page_size() <= chunkEnd
                    && (p == 0 ? first == 0 : first >= previousFirst) && next >= first && next <= chunkRows;
            if (!sane) {
                table.reset(chunkStart);
                return;
            }
            table.add(l.getOffset(), l.getCompressed_page_size(), (int) first, (int) (next - first), 0);
            previousEnd = l.getOffset() + l.getCompressed_page_size();
            previousFirst = first;
        }
        long firstPage = locations.get(0).getOffset();
        if (firstPage > chunkStart) {
            table.dictionaryOffset = chunkStart;
            table.dictionarySize = (int) (firstPage - chunkStart);
        }
        table.frontier = chunkEnd;
        table.frontierValues = chunkValues;
        table.indexed = true;
    }

    /** Whether pages remain to be found by reading headers. */
    boolean morePages() {
        return table.frontier < chunkEnd;
    }

    /**
     * Reads the next page header of the chunk: a data page is added to the table, a dictionary
     * page remembered, other pages skipped.
     */
    void findNextPage() throws IOException {
        long at = table.frontier;
        PageInfo h = readHeader(at);
        long dataStart = at + h.headerLength();
        int compressed = h.compressedSize();
        if (compressed < 0 || compressed > chunkEnd - dataStart) {
            throw new CorruptDataException("the page at byte " + at + " declares " + compressed
                    + " bytes but its column chunk has " + (chunkEnd - dataStart) + " bytes left");
        }
        table.frontier = dataStart + compressed;
        int size = (int) h.size();
        if (h.type() == PageType.DICTIONARY_PAGE) {
            if (table.pages > 0 || table.dictionaryOffset != PageTable.UNKNOWN) {
                throw new CorruptDataException("the chunk has a dictionary page after its first page (at byte "
                        + at + ")");
            }
            table.dictionaryOffset = at;
            table.dictionarySize = size;
            table.dictionary = h;
            return;
        }
        if (h.type() != PageType.DATA_PAGE && h.type() != PageType.DATA_PAGE_V2) {
            return; // an index page, or one a reader may skip
        }
        int values = h.values();
        int rows = h.type() == PageType.DATA_PAGE_V2 ? h.rows() : flat ? values : PageTable.UNKNOWN;
        if (flat && rows != values) {
            throw new CorruptDataException("the data page at byte " + at + " holds " + values
                    + " values in " + rows + " rows, but a flat column has one per row");
        }
        if (values < 0 || values > chunkValues - table.frontierValues || rows < PageTable.UNKNOWN || rows > values) {
            throw new CorruptDataException("the data page at byte " + at + " holds " + values + " values, but "
                    + (chunkValues - table.frontierValues) + " of the " + (flat ? "row group's " + chunkRows + " rows"
                    : "column chunk's " + chunkValues + " values") + " are left");
        }
        table.frontierValues += values;
        if (values == 0) {
            return;
        }
        int known = table.rowsKnown();
        int firstRow = table.pages == 0 ? 0 : known;
        if (rows != PageTable.UNKNOWN && firstRow != PageTable.UNKNOWN && rows > chunkRows - firstRow) {
            throw new CorruptDataException("the data page at byte " + at + " holds " + rows + " rows, but "
                    + (chunkRows - firstRow) + " of the row group's " + chunkRows + " rows are left");
        }
        int p = table.add(at, size, firstRow, rows, rows == PageTable.UNKNOWN ? PageTable.UNKNOWN : 0);
        table.infos[p] = h;
    }

    /** Parses the page header at {@code at}, reading more of the chunk while it is cut short. */
    private PageInfo readHeader(long at) throws IOException {
        long limit = Math.min(chunkEnd - at, Math.max(HEADER_PROBE, Math.min(maxValueBytes, Integer.MAX_VALUE - 8L)));
        for (long probe = Math.min(HEADER_PROBE, chunkEnd - at); ; probe = Math.min(limit, probe * 16)) {
            int index = window.ensure(at, at + probe, at + probe);
            PageInfo h = parseHeader(window.buffer(), index, index + (int) probe, at, probe >= limit);
            if (h != null) {
                return h;
            }
        }
    }

    /**
     * Parses a page header from {@code [from, to)} of {@code buffer}; null when the bytes end first
     * and more of the file could complete it ({@code last}: they cannot).
     */
    private static PageInfo parseHeader(ByteBuffer buffer, int from, int to, long at, boolean last)
            throws CorruptDataException {
        BufferInput in = new BufferInput(buffer, from, to);
        PageHeader h;
        try {
            h = Util.readPageHeader(in);
        } catch (IOException | RuntimeException e) {
            if (!in.exhausted() || last) {
                throw new CorruptDataException("cannot parse the page header at byte " + at + ": "
                        + ParquetErrors.oneLine(String.valueOf(e.getMessage())));
            }
            return null;
        }
        return PageInfo.of(h, in.consumed(), at);
    }

    /** Checks a header read where the offset index put a page against the index's size for it. */
    private PageInfo indexedHeader(PageInfo h, int p) throws CorruptDataException {
        if (h.size() != table.sizes[p]) {
            throw new CorruptDataException("the page at byte " + table.offsets[p] + " declares " + h.headerLength()
                    + " + " + h.compressedSize() + " bytes but the offset index says " + table.sizes[p]);
        }
        table.infos[p] = h;
        return h;
    }

    /**
     * Reads (and decompresses) data page {@code p} and sets the public fields to its sections.
     *
     * @throws CorruptDataException when the page is not what the table says
     */
    void load(int p) throws IOException {
        long at = table.offsets[p];
        int size = table.sizes[p];
        long end = at + size;
        long readTo = readAhead ? Math.min(chunkEnd, end + HEADER_PROBE) : end;
        int index = window.ensure(at, end, readTo);
        PageInfo h = table.infos[p];
        if (h == null) {
            h = indexedHeader(parseHeader(window.buffer(), index, index + size, at, true), p);
        }
        pageStart = index;
        int raw = index + h.headerLength();
        int compressed = h.compressedSize();
        int uncompressed = h.uncompressedSize();
        pageLimit.check(uncompressed);
        if (compressed > maxValueBytes) {
            throw new CorruptDataException("a page declares " + compressed
                    + " compressed bytes, more than the reader's limit of " + maxValueBytes + " (maxValueBytes)");
        }
        ByteBuffer buffer = window.buffer();
        header = h;
        entries = h.values();
        if (h.type() == PageType.DATA_PAGE) {
            ByteBuffer page = pageBytes(buffer, raw, compressed, uncompressed, decompressor != null);
            int start = page == buffer ? raw : 0;
            v2 = false;
            levels = page;
            repStart = start;
            repEnd = start;
            defEnd = start;
            values = page;
            valuesStart = start;
            valuesEnd = start + uncompressed;
        } else if (h.type() == PageType.DATA_PAGE_V2) {
            int rl = h.repetitionBytes();
            int dl = h.definitionBytes();
            if (rl < 0 || dl < 0 || (long) rl + dl > compressed || (long) rl + dl > uncompressed) {
                throw new CorruptDataException("the page declares " + rl + " bytes of repetition levels and " + dl
                        + " of definition levels in " + compressed + " bytes");
            }
            v2 = true;
            levels = buffer;
            repStart = raw;
            repEnd = raw + rl;
            defEnd = raw + rl + dl;
            // the values are decompressed after the levels were read from the window: the buffer stays
            ByteBuffer page = pageBytes(buffer, defEnd, compressed - rl - dl, uncompressed - rl - dl,
                    decompressor != null && h.valuesCompressed());
            values = page;
            valuesStart = page == buffer ? defEnd : 0;
            valuesEnd = valuesStart + uncompressed - rl - dl;
        } else {
            throw new CorruptDataException("the page at byte " + at + " is a " + h.type() + ", not a data page");
        }
        if (entries < 0) {
            throw new CorruptDataException("the data page at byte " + at + " declares " + entries + " values");
        }
    }

    /** The header of page {@code p}, read alone (a probe of a few hundred bytes) when not known yet. */
    PageInfo header(int p) throws IOException {
        PageInfo h = table.infos[p];
        return h != null ? h : indexedHeader(readHeader(table.offsets[p]), p);
    }

    /**
     * Reads file bytes {@code [from, from + length)} of the chunk alone (one value of a page not
     * read whole); returns their index in {@link #buffer()}.
     */
    int readRange(long from, int length) throws IOException {
        if (from < chunkStart || length < 0 || from > chunkEnd - length) {
            throw new CorruptDataException("a value at byte " + from + " of " + length + " bytes lies outside its "
                    + "column chunk");
        }
        return window.ensure(from, from + length, from + length);
    }

    /** The file buffer {@link #readRange} read into. */
    ByteBuffer buffer() {
        return window.buffer();
    }

    /**
     * Reads the chunk's dictionary page into {@code dictionary}, finding it first when the chunk
     * was not walked from its start.
     *
     * @param width bytes per value, -1 for BYTE_ARRAY
     * @throws CorruptDataException when the chunk has no dictionary page
     */
    void loadDictionary(Dictionary dictionary, int width) throws IOException {
        if (table.dictionaryOffset == PageTable.UNKNOWN) {
            throw new CorruptDataException("a data page is dictionary-encoded but its column chunk has no "
                    + "dictionary page");
        }
        long at = table.dictionaryOffset;
        int size = table.dictionarySize;
        int index = window.ensure(at, at + size, at + size);
        ByteBuffer buffer = window.buffer();
        PageInfo h = table.dictionary;
        if (h == null) {
            h = parseHeader(buffer, index, index + size, at, true);
            if (h.type() != PageType.DICTIONARY_PAGE) {
                throw new CorruptDataException("the page at byte " + at + " is a " + h.type()
                        + ", not the dictionary page its data pages need");
            }
            table.dictionary = h;
        }
        int compressed = h.compressedSize();
        int uncompressed = h.uncompressedSize();
        if (compressed < 0 || h.size() > size) {
            throw new CorruptDataException("the dictionary page at byte " + at + " declares " + compressed
                    + " bytes but its column chunk has " + (size - h.headerLength()) + " bytes for it");
        }
        pageLimit.check(uncompressed);
        int raw = index + h.headerLength();
        ByteBuffer page = pageBytes(buffer, raw, compressed, uncompressed, decompressor != null);
        int start = page == buffer ? raw : 0;
        dictionary.load(page, start, start + uncompressed, h.values(), width);
        if (width < 0 && page == buffer && table.dictionaryBounds == null) {
            table.dictionaryBounds = PageTable.bounds(dictionary.starts(), dictionary.ends(), dictionary.size(),
                    -h.headerLength());
        }
    }

    /** The page's bytes: where they were read, or decompressed into the page buffer. */
    private ByteBuffer pageBytes(ByteBuffer buffer, int at, int stored, int size, boolean compressed)
            throws IOException {
        if (!compressed) {
            if (stored != size) {
                throw new CorruptDataException("an uncompressed page declares " + stored + " stored but " + size
                        + " uncompressed bytes");
            }
            return buffer;
        }
        if (size < 0) {
            throw new CorruptDataException("a page declares " + size + " uncompressed bytes");
        }
        if (decompressed == null || decompressed.capacity() < size) {
            if (decompressed != null) {
                pool.give(decompressed);
            }
            decompressed = null;
            decompressed = pool.take(size);
        }
        decompressor.decompress(buffer.slice(at, stored), decompressed.slice(0, size));
        return decompressed;
    }

    /** Bytes of the buffers held: the page window and the decompressed page. */
    long heldBytes() {
        return window.heldBytes() + (decompressed == null ? 0 : decompressed.capacity());
    }

    /** Gives the buffers back to the pool. */
    void release() {
        window.release();
        if (decompressed != null) {
            pool.give(decompressed);
            decompressed = null;
        }
        levels = null;
        values = null;
    }
}
