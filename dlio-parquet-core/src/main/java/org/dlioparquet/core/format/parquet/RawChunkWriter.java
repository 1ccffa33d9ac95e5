package org.dlioparquet.core.format.parquet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.OffsetIndex;
import org.apache.parquet.format.PageEncodingStats;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageLocation;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.PrimitiveType;
import org.dlioparquet.core.format.parquet.codec.PageCompressor;

/**
 * Writes the column chunks of one required, flat column page after page, straight to the output:
 * PLAIN v1 data pages of about {@link #PAGE_BYTES} (a larger value gets a page of its own), no
 * dictionary, no page checksum, compressed into a reused buffer. Two page buffers (shared by the
 * file's columns through {@link RawWriterState}, as one chunk is written at a time) alternate: the
 * caller fills one while {@link PageWriteBehind} compresses and writes the other; the chunk's last
 * page the caller writes itself. A chunk of a {@link DrawnBinaryColumn} (the blob layout's
 * samples), uncompressed, over a file, is written in two lanes instead ({@link #writeInLanes}).
 * Optionally keeps parquet-java's min/max statistics of the chunk (for numeric columns, as
 * parquet-java's writer does). Records where each page lies, for the
 * chunk's offset index: a reader that starts at a row past the chunk's first finds its page there
 * instead of reading every page header before it.
 */
final class RawChunkWriter {
    /** A page is closed once it holds this many bytes. */
    static final int PAGE_BYTES = 1 << 20;

    private final RawOutput out;
    private final PrimitiveType type;
    private final List<String> path;
    private final CompressionCodecName codec;
    private final PageCompressor compressor;
    private final boolean statistics;
    private final RawWriterState state;
    private final PageWriteBehind writeBehind;
    private final PlainPageBuffer[] buffers;
    private PlainPageBuffer page;
    /** The page is full: handed over when the next value comes, written here if the chunk ends first. */
    private boolean full;

    private Statistics<?> stats;
    private long chunkStart;
    private long values;
    private long uncompressedBytes;
    private int pages;
    private int pageValues;
    /** Where each page of the chunk lies and its first row (required flat column: a row per value). */
    private List<PageLocation> locations = new ArrayList<>();
    /** Rows in the chunk's pages written so far: the next page's first row. */
    private long firstRowOfPage;

    /** @param state the buffers and helper of the generating thread, shared by the file's columns */
    RawChunkWriter(RawOutput out, RawWriterState state, PrimitiveType type, CompressionCodecName codec,
                   PageCompressor compressor, boolean statistics) {
        this.out = out;
        this.state = state;
        this.writeBehind = state.writeBehind;
        this.buffers = state.pages;
        this.page = buffers[0];
        this.type = type;
        this.path = Arrays.asList(type.getName());
        this.codec = codec;
        this.compressor = compressor;
        this.statistics = statistics;
    }

    /** Starts a column chunk at the output's position (every earlier page written). */
    void start() throws IOException {
        writeBehind.await();
        chunkStart = out.position();
        values = 0;
        uncompressedBytes = 0;
        pages = 0;
        pageValues = 0;
        locations = new ArrayList<>();
        firstRowOfPage = 0;
        page.reset();
        full = false;
        stats = statistics ? Statistics.createStats(type) : null;
    }

    /** The page the next value is to be appended to. */
    PlainPageBuffer page() throws IOException {
        if (full) {
            flushPage();
        }
        return page;
    }

    /** The chunk's statistics to update with each value, or null when it keeps none. */
    Statistics<?> stats() {
        return stats;
    }

    /** Counts the value just appended and closes the page once it is full. */
    void valueAdded() throws IOException {
        values++;
        pageValues++;
        full = page.size() >= PAGE_BYTES;
    }

    /**
     * Hands the full page to the write-behind thread and switches to the other buffer. Only once
     * another value comes: a chunk's last page is written by the caller, so a file of one 1 MiB
     * sample does not wait for a hand-over to another thread and back.
     */
    private void flushPage() throws IOException {
        full = false;
        ByteBuffer body = page.body();
        int values = pageValues;
        writeBehind.submit(() -> writePage(body, values));
        pageValues = 0;
        page = page == buffers[0] ? buffers[1] : buffers[0];
        page.reset(); // its previous page was written: submit() waited for it
    }

    /** Runs on the write-behind thread, one page at a time, or on the caller for a chunk's last page. */
    private void writePage(ByteBuffer body, int values) throws IOException {
        int size = body.remaining();
        ByteBuffer stored = body;
        if (compressor != null) {
            ByteBuffer compressed = state.compressed(compressor.maxCompressedLength(size));
            stored = compressed.limit(compressor.compress(body, compressed));
        }
        ByteArrayOutputStream header = header(size, stored.remaining(), values);
        pagePlaced(out.position(), header.size(), size, stored.remaining(), values);
        out.write(header, stored);
    }

    /** The header of a page of {@code values} values, in the state's reused header stream. */
    private ByteArrayOutputStream header(int size, int storedSize, int values) throws IOException {
        PageHeader h = new PageHeader(PageType.DATA_PAGE, size, storedSize);
        h.setData_page_header(new DataPageHeader(values, Encoding.PLAIN, Encoding.RLE, Encoding.RLE));
        ByteArrayOutputStream header = state.header;
        header.reset();
        Util.writePageHeader(h, header);
        return header;
    }

    /** Counts a page that starts at {@code start}, for the chunk's metadata and offset index. */
    private void pagePlaced(long start, int headerSize, int size, int storedSize, int values) {
        uncompressedBytes += headerSize + (long) size;
        locations.add(new PageLocation(start, headerSize + storedSize, firstRowOfPage));
        firstRowOfPage += values;
        pages++;
    }

    /**
     * Writes the chunk of rows {@code first} to {@code first + n - 1} of {@code column} from two
     * threads at once, uncompressed, over output that takes positional writes. All values have one
     * size, so every page's size and header are known before its bytes: each page's place is
     * reserved up front, then the helper draws and writes the second half of the pages while the
     * caller does the first half, each page into the lane's own buffer. The bytes go to the file
     * from the cache of the core that drew them, and the threads meet once per chunk (a hand-over
     * per page costs as much as the wake-up of a thread, which is not small on a virtual machine).
     */
    ColumnChunk writeInLanes(DrawnBinaryColumn column, int first, int n) throws IOException {
        start();
        int valueBytes = column.valueBytes();
        int perPage = (int) Math.max(1, Math.min(n, (PAGE_BYTES + 4L + valueBytes - 1) / (4L + valueBytes)));
        List<LanePage> planned = new ArrayList<>();
        for (int done = 0; done < n; done += perPage) {
            int count = Math.min(perPage, n - done);
            int size = count * (4 + valueBytes);
            byte[] header = header(size, size, count).toByteArray();
            long start = out.reserve(header.length + (long) size);
            pagePlaced(start, header.length, size, size, count);
            planned.add(new LanePage(first + done, count, header, start));
        }
        values = n;
        int split = (planned.size() + 1) / 2;
        List<LanePage> helperPages = planned.subList(split, planned.size());
        if (!helperPages.isEmpty()) {
            writeBehind.submit(() -> writeLane(column, helperPages, buffers[1]));
        }
        writeLane(column, planned.subList(0, split), buffers[0]);
        return finish();
    }

    /** A page of {@code values} rows from {@code firstRow}, written with its header at {@code start}. */
    private record LanePage(int firstRow, int values, byte[] header, long start) {
    }

    /** Draws and writes pages one after another through one page buffer: header and values, then one positional write. */
    private void writeLane(DrawnBinaryColumn column, List<LanePage> lanePages, PlainPageBuffer buffer) throws IOException {
        int valueBytes = column.valueBytes();
        for (LanePage p : lanePages) {
            buffer.reset();
            buffer.putBytes(p.header(), 0, p.header().length);
            for (int row = p.firstRow(); row < p.firstRow() + p.values(); row++) {
                column.draw(row, buffer.reserveBinary(valueBytes));
            }
            out.writeAt(buffer.body(), p.start());
        }
    }

    /**
     * Writes the chunk's last page and describes the chunk for the footer. The last page is written
     * here: the next chunk starts where it ends, so handing it over would only add a wait.
     */
    ColumnChunk finish() throws IOException {
        writeBehind.await();
        if (pageValues > 0) {
            writePage(page.body(), pageValues);
            pageValues = 0;
        }
        ColumnMetaData meta = new ColumnMetaData(formatType(type), List.of(Encoding.PLAIN), path,
                codec.getParquetCompressionCodec(), values, uncompressedBytes, out.position() - chunkStart,
                chunkStart);
        meta.setEncoding_stats(List.of(new PageEncodingStats(PageType.DATA_PAGE, Encoding.PLAIN, pages)));
        if (stats != null) {
            meta.setStatistics(ParquetMetadataConverter.toParquetStatistics(stats));
        }
        ColumnChunk chunk = new ColumnChunk(chunkStart);
        chunk.setMeta_data(meta);
        return chunk;
    }

    /** The offset index of the chunk {@link #finish} described last. */
    OffsetIndex offsetIndex() {
        return new OffsetIndex(locations);
    }

    static Type formatType(PrimitiveType type) {
        switch (type.getPrimitiveTypeName()) {
            case BINARY: return Type.BYTE_ARRAY;
            case FIXED_LEN_BYTE_ARRAY: return Type.FIXED_LEN_BYTE_ARRAY;
            default: return Type.valueOf(type.getPrimitiveTypeName().name());
        }
    }
}
