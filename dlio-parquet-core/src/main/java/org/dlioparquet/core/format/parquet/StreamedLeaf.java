package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.values.bitpacking.BitPacking;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.PrimitiveType;
import org.dlioparquet.core.format.parquet.codec.PageDecompressor;
import org.dlioparquet.core.format.parquet.codec.ParquetCodecFactory;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.storage.DirectBufferPool;

/**
 * One flat, PLAIN-encoded leaf column read page by page, without parquet-java: page headers are
 * parsed with parquet-format, a page is read into a reused direct buffer (and decompressed into
 * another), and values go to the sink as zero-copy views of the page. Only the page holding the
 * requested row is in memory, so memory is bounded by the largest page, not by the row group.
 *
 * <p>Within a column chunk the pages seen so far are remembered (offset, header, first row), so
 * rows can be asked for in any order; rows ahead of the pages seen are reached by reading only the
 * headers of the pages in between. The pieces are those {@link DecodedLeaf} delivers for the same
 * column: one per row, a value's little-endian bytes (the low 1 or 2 bytes of an INT32 for 8- and
 * 16-bit integers, 0/1 for a boolean) or a null piece.
 */
final class StreamedLeaf {
    /** Bytes read past what is needed, so that the next page header usually comes with a page. */
    private static final int READ_AHEAD = 4096;
    /** Bytes first parsed for a page header; larger headers (page statistics) are read again whole. */
    private static final int HEADER_PROBE = 256;
    private static final ByteBuffer TRUE = ByteBuffer.wrap(new byte[] {1}).asReadOnlyBuffer();
    private static final ByteBuffer FALSE = ByteBuffer.wrap(new byte[] {0}).asReadOnlyBuffer();

    private final LeafPlan plan;
    private final ChunkWindow window;
    private final DirectBufferPool pool;
    private final ChunkPageLimit pageLimit;
    private final long maxValueBytes;
    private final int maxDef;
    private final int levelBitWidth;
    /** PLAIN bytes per value; -1 for BYTE_ARRAY, 0 for bit-packed booleans. */
    private final int storedWidth;
    /** Bytes of a delivered value (the low bytes of a stored one for 8- and 16-bit integers). */
    private final int pieceWidth;
    private final Map<CompressionCodecName, PageDecompressor> decompressors = new EnumMap<>(CompressionCodecName.class);
    private final ByteBuffer trueView = TRUE.duplicate();
    private final ByteBuffer falseView = FALSE.duplicate();

    // the column chunk
    private long chunkEnd;
    private int chunkRows;
    private PageDecompressor decompressor;
    // data pages found so far in the chunk
    private int pages;
    private PageHeader[] headers = new PageHeader[4];
    private long[] dataStarts = new long[4];
    private int[] firstRows = new int[4];
    private int rowsFound;
    private long nextHeader;
    private int headerLength;
    // the page being served: rows [pageFirst, pageFirst + pageRows)
    private int pageFirst;
    private int pageRows;
    private ByteBuffer decompressed;
    private ByteBuffer view;
    private ByteBuffer viewOf;
    private int valuesStart;
    /** Per row of the page, its value's index among the page's values, or -1 for null; null when required. */
    private int[] valueOf;
    /** Values of the page being loaded that are not null, as its definition levels count them. */
    private int present;
    private int[] starts = new int[16];
    private int[] ends = new int[16];

    StreamedLeaf(LeafPlan plan, ChannelInputFile input, DirectBufferPool pool, long maxValueBytes) {
        this.plan = plan;
        this.window = new ChunkWindow(input, pool);
        this.pool = pool;
        this.pageLimit = new ChunkPageLimit(maxValueBytes);
        this.maxValueBytes = maxValueBytes;
        this.maxDef = plan.maxDefinitionLevel();
        this.levelBitWidth = BytesUtils.getWidthFromMaxInt(maxDef);
        PrimitiveType type = plan.descriptor().getPrimitiveType();
        switch (type.getPrimitiveTypeName()) {
            case INT32: case FLOAT: storedWidth = 4; break;
            case INT64: case DOUBLE: storedWidth = 8; break;
            case INT96: storedWidth = 12; break;
            case FIXED_LEN_BYTE_ARRAY: storedWidth = type.getTypeLength(); break;
            case BOOLEAN: storedWidth = 0; break;
            default: storedWidth = -1; break;
        }
        this.pieceWidth = plan.kind() == LeafPlan.ValueKind.INT8 ? 1
                : plan.kind() == LeafPlan.ValueKind.INT16 ? 2 : storedWidth;
    }

    LeafPlan plan() {
        return plan;
    }

    /**
     * Starts on the leaf's chunk of a row group of {@code rows} rows.
     *
     * @throws CorruptDataException when the chunk's value count is not the row count (a flat column
     *                              has one value or null per row)
     */
    void startChunk(ColumnChunkMetaData chunk, int rows) throws CorruptDataException {
        pages = 0;
        pageRows = 0;
        pageFirst = 0;
        rowsFound = 0;
        if (chunk.getValueCount() != rows) {
            throw new CorruptDataException("the column chunk holds " + chunk.getValueCount()
                    + " values but the row group has " + rows + " rows");
        }
        chunkRows = rows;
        nextHeader = chunk.getStartingPos();
        chunkEnd = nextHeader + chunk.getTotalSize();
        pageLimit.target(chunk.getTotalUncompressedSize());
        // null for UNCOMPRESSED
        decompressor = decompressors.computeIfAbsent(chunk.getCodec(), ParquetCodecFactory::pageDecompressor);
    }

    /** Makes row {@code row} of the chunk the one {@link #emit} can hand out. */
    void seek(int row) throws IOException {
        if (row >= pageFirst && row - pageFirst < pageRows) {
            return;
        }
        pageRows = 0;
        while (row >= rowsFound) {
            findNextPage();
        }
        int lo = 0;
        int hi = pages - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (firstRows[mid] <= row) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        load(lo);
    }

    /** Hands row {@code row} (made current by {@link #seek}) to the sink as sample {@code sample}. */
    void emit(int row, int sample, SampleSink sink) {
        int v = row - pageFirst;
        if (valueOf != null) {
            v = valueOf[v];
            if (v < 0) {
                sink.accept(sample, plan.column(), null);
                return;
            }
        }
        ByteBuffer piece;
        if (storedWidth == 0) {
            boolean set = (view.get(valuesStart + (v >>> 3)) >> (v & 7) & 1) != 0;
            piece = (set ? trueView : falseView).clear();
        } else if (storedWidth < 0) {
            piece = view.limit(ends[v]).position(starts[v]);
        } else {
            int at = valuesStart + v * storedWidth;
            piece = view.limit(at + pieceWidth).position(at);
        }
        sink.accept(sample, plan.column(), piece);
    }

    /** Reads the header of the next page of the chunk and, for a data page, records it. */
    private void findNextPage() throws IOException {
        if (nextHeader >= chunkEnd) {
            throw new CorruptDataException("the pages of the column chunk hold " + rowsFound
                    + " values but the row group has " + chunkRows + " rows");
        }
        long at = nextHeader;
        PageHeader h = readHeader(at);
        long dataStart = at + headerLength;
        int compressed = h.getCompressed_page_size();
        if (compressed < 0 || compressed > chunkEnd - dataStart) {
            throw new CorruptDataException("the page at byte " + at + " declares " + compressed
                    + " bytes but its column chunk has " + (chunkEnd - dataStart) + " bytes left");
        }
        nextHeader = dataStart + compressed;
        int values;
        if (h.getType() == PageType.DATA_PAGE) {
            DataPageHeader d = h.getData_page_header();
            if (d == null) {
                throw new CorruptDataException("the data page at byte " + at + " has no data page header");
            }
            values = d.getNum_values();
        } else if (h.getType() == PageType.DATA_PAGE_V2) {
            DataPageHeaderV2 d = h.getData_page_header_v2();
            if (d == null) {
                throw new CorruptDataException("the data page at byte " + at + " has no data page header");
            }
            values = d.getNum_values();
            if (d.getNum_rows() != values) {
                throw new CorruptDataException("the data page at byte " + at + " holds " + values
                        + " values in " + d.getNum_rows() + " rows, but a flat column has one per row");
            }
        } else {
            return; // a dictionary page PLAIN pages do not use, or an index page
        }
        if (values < 0 || values > chunkRows - rowsFound) {
            throw new CorruptDataException("the data page at byte " + at + " holds " + values + " values, but "
                    + (chunkRows - rowsFound) + " of the row group's " + chunkRows + " rows are left");
        }
        if (values == 0) {
            return;
        }
        if (pages == headers.length) {
            int n = pages * 2;
            headers = Arrays.copyOf(headers, n);
            dataStarts = Arrays.copyOf(dataStarts, n);
            firstRows = Arrays.copyOf(firstRows, n);
        }
        headers[pages] = h;
        dataStarts[pages] = dataStart;
        firstRows[pages] = rowsFound;
        pages++;
        rowsFound += values;
    }

    /** Parses the page header at {@code at}, reading more of the chunk while it is cut short. */
    private PageHeader readHeader(long at) throws IOException {
        long limit = Math.min(chunkEnd - at, Math.max(HEADER_PROBE, Math.min(maxValueBytes, Integer.MAX_VALUE - 8L)));
        for (long probe = Math.min(HEADER_PROBE, chunkEnd - at); ; probe = Math.min(limit, probe * 16)) {
            int index = window.ensure(at, at + probe, Math.min(chunkEnd, at + probe + READ_AHEAD));
            BufferInput in = new BufferInput(window.buffer(), index, index + (int) probe);
            try {
                PageHeader h = Util.readPageHeader(in);
                headerLength = in.consumed();
                return h;
            } catch (IOException | RuntimeException e) {
                if (!in.exhausted() || probe >= limit) {
                    throw new CorruptDataException("cannot parse the page header at byte " + at + ": "
                            + ParquetErrors.oneLine(String.valueOf(e.getMessage())));
                }
            }
        }
    }

    /** Reads (and decompresses) page {@code p} and indexes its levels and values. */
    private void load(int p) throws IOException {
        PageHeader h = headers[p];
        long dataStart = dataStarts[p];
        int compressed = h.getCompressed_page_size();
        int uncompressed = h.getUncompressed_page_size();
        pageLimit.check(uncompressed);
        if (compressed > maxValueBytes) {
            throw new CorruptDataException("a page declares " + compressed
                    + " compressed bytes, more than the reader's limit of " + maxValueBytes + " (maxValueBytes)");
        }
        int raw = window.ensure(dataStart, dataStart + compressed, Math.min(chunkEnd, dataStart + compressed + READ_AHEAD));
        ByteBuffer buffer = window.buffer();
        int values = p + 1 < pages ? firstRows[p + 1] - firstRows[p] : rowsFound - firstRows[p];
        if (h.getType() == PageType.DATA_PAGE) {
            DataPageHeader d = h.getData_page_header();
            checkPlain(d.getEncoding());
            ByteBuffer page = pageBytes(buffer, raw, compressed, uncompressed, decompressor != null);
            int start = page == buffer ? raw : 0;
            int end = start + uncompressed;
            int pos = start;
            if (maxDef > 0) {
                pos = readV1Levels(page, pos, end, values, d.getDefinition_level_encoding());
            } else {
                valueOf = null;
                present = values;
            }
            index(page, pos, end, present);
        } else {
            DataPageHeaderV2 d = h.getData_page_header_v2();
            checkPlain(d.getEncoding());
            int rl = d.getRepetition_levels_byte_length();
            int dl = d.getDefinition_levels_byte_length();
            if (rl != 0 || dl < 0 || dl > compressed || dl > uncompressed) {
                throw new CorruptDataException("the page declares " + rl + " bytes of repetition levels and " + dl
                        + " of definition levels in " + compressed + " bytes");
            }
            if (maxDef > 0) {
                readLevels(new RunLengthBitPackingHybridDecoder(levelBitWidth,
                        new BufferInput(buffer, raw, raw + dl)), values);
            } else {
                valueOf = null;
                present = values;
            }
            boolean isCompressed = !d.isSetIs_compressed() || d.isIs_compressed();
            ByteBuffer page = pageBytes(buffer, raw + dl, compressed - dl, uncompressed - dl,
                    decompressor != null && isCompressed);
            int start = page == buffer ? raw + dl : 0;
            index(page, start, start + uncompressed - dl, present);
        }
        pageFirst = firstRows[p];
        pageRows = values;
    }

    private static void checkPlain(Encoding encoding) throws CorruptDataException {
        if (encoding != Encoding.PLAIN) {
            throw new CorruptDataException("a data page is encoded " + encoding
                    + " although the column metadata lists only PLAIN values");
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

    /** Definition levels of a v1 page, RLE with a length prefix or (deprecated) bit-packed; returns where values start. */
    private int readV1Levels(ByteBuffer page, int pos, int end, int values, Encoding encoding) throws IOException {
        if (encoding == Encoding.RLE) {
            if (end - pos < 4) {
                throw new CorruptDataException("the page ends before its definition levels");
            }
            int length = page.getInt(pos);
            pos += 4;
            if (length < 0 || length > end - pos) {
                throw new CorruptDataException("the page declares " + length + " bytes of definition levels but has "
                        + (end - pos) + " left");
            }
            readLevels(new RunLengthBitPackingHybridDecoder(levelBitWidth, new BufferInput(page, pos, pos + length)),
                    values);
            return pos + length;
        }
        if (encoding == Encoding.BIT_PACKED) {
            long length = ((long) values * levelBitWidth + 7) / 8;
            if (length > end - pos) {
                throw new CorruptDataException("the page's bit-packed definition levels need " + length
                        + " bytes but it has " + (end - pos) + " left");
            }
            BitPacking.BitPackingReader levels = BitPacking.createBitPackingReader(levelBitWidth,
                    new BufferInput(page, pos, pos + (int) length), values);
            readLevels(levels::read, values);
            return pos + (int) length;
        }
        throw new CorruptDataException("definition levels encoded " + encoding + " are not supported");
    }

    private interface LevelSource {
        int readInt() throws IOException;
    }

    private void readLevels(RunLengthBitPackingHybridDecoder decoder, int values) throws IOException {
        readLevels(decoder::readInt, values);
    }

    /** Turns definition levels into the value index of each row (-1 for null) and counts the values present. */
    private void readLevels(LevelSource levels, int values) throws IOException {
        if (valueOf == null || valueOf.length < values) {
            valueOf = new int[checkedLength(values, 4)];
        }
        int n = 0;
        for (int i = 0; i < values; i++) {
            int def = levels.readInt();
            if (def < 0 || def > maxDef) {
                throw new CorruptDataException("definition level " + def + " is outside 0.." + maxDef);
            }
            valueOf[i] = def == maxDef ? n++ : -1;
        }
        present = n;
    }

    /** Checks the page's {@code present} PLAIN values fit {@code [pos, end)} and indexes them. */
    private void index(ByteBuffer page, int pos, int end, int present) throws CorruptDataException {
        long bytes = end - pos;
        if (storedWidth == 0 && (present + 7L) / 8 > bytes || storedWidth > 0 && (long) present * storedWidth > bytes) {
            throw new CorruptDataException("the page holds " + bytes + " bytes of values, too few for " + present
                    + " values of " + plan.descriptor().getPrimitiveType().getPrimitiveTypeName());
        }
        if (storedWidth < 0) {
            if (present * 4L > bytes) {
                throw new CorruptDataException("the page holds " + bytes + " bytes of values, too few for " + present
                        + " length-prefixed values");
            }
            if (starts.length < present) {
                starts = new int[checkedLength(present, 8)];
                ends = new int[starts.length];
            }
            int at = pos;
            for (int v = 0; v < present; v++) {
                if (end - at < 4) {
                    throw new CorruptDataException("value " + v + " of the page starts past its end");
                }
                int length = page.getInt(at);
                at += 4;
                if (length < 0 || length > end - at) {
                    throw new CorruptDataException("value " + v + " of the page declares " + length + " bytes but "
                            + (end - at) + " are left");
                }
                starts[v] = at;
                ends[v] = at + length;
                at += length;
            }
        }
        if (viewOf != page) {
            view = page.duplicate();
            viewOf = page;
        }
        valuesStart = pos;
    }

    private int checkedLength(int elements, int bytesPerElement) throws CorruptDataException {
        if ((long) elements * bytesPerElement > maxValueBytes) {
            throw new CorruptDataException("the page's index needs more than " + maxValueBytes
                    + " bytes (the reader's maxValueBytes)");
        }
        return Math.max(elements, 16);
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
        view = null;
        viewOf = null;
        pageRows = 0;
    }
}
