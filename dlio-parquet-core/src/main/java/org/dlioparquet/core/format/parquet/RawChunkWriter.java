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
 * page the caller writes itself. Optionally keeps parquet-java's min/max statistics of the chunk
 * (for numeric columns, as parquet-java's writer does). Records where each page lies, for the
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
        PageHeader h = new PageHeader(PageType.DATA_PAGE, size, stored.remaining());
        h.setData_page_header(new DataPageHeader(values, Encoding.PLAIN, Encoding.RLE, Encoding.RLE));
        ByteArrayOutputStream header = state.header;
        header.reset();
        Util.writePageHeader(h, header);
        uncompressedBytes += header.size() + (long) size;
        locations.add(new PageLocation(out.position(), header.size() + stored.remaining(), firstRowOfPage));
        firstRowOfPage += values;
        out.write(header, stored);
        pages++;
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
