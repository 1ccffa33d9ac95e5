package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.MessageType;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.spi.SampleSink;

/**
 * Rows decoded by parquet-java's column readers, one whole row group at a time (only the chunks of
 * the columns it is given), kept until a row outside it is asked for: the reader for columns the
 * page-streaming reader cannot read (DELTA and BYTE_STREAM_SPLIT encodings), and for every column
 * when page streaming is turned off. Memory is bounded by the largest row group.
 */
final class DecodedRowGroups implements RowGroupReader {
    private final Path path;
    private final ParquetFileReader reader;
    private final FileLayout layout;
    private final ChunkPageLimit pageLimit;
    /** Index in {@code layout.leaves()} of each leaf decoded here. */
    private final int[] indices;
    private final DecodedLeaf[] leaves;
    private final MessageType schema;
    private final GroupConverter converter;
    private int loadedGroup = -1;

    /**
     * @param indices   the leaves (of {@code layout.leaves()}) to decode
     * @param schema    the projected schema narrowed to their columns, which {@code reader} is set to
     * @param pageLimit the limit {@code reader}'s codec factory checks pages against
     */
    DecodedRowGroups(Path path, ParquetFileReader reader, FileLayout layout, int[] indices, MessageType schema,
                     ChunkPageLimit pageLimit, long maxValueBytes) {
        this.path = path;
        this.reader = reader;
        this.layout = layout;
        this.pageLimit = pageLimit;
        this.indices = indices.clone();
        this.schema = schema;
        List<LeafPlan> plans = layout.leaves();
        this.leaves = new DecodedLeaf[indices.length];
        for (int i = 0; i < leaves.length; i++) {
            leaves[i] = new DecodedLeaf(plans.get(indices[i]), maxValueBytes);
        }
        this.converter = NoOpConverters.forSchema(schema);
    }

    @Override
    public void deliver(int g, int from, int to, int firstSample, SampleSink sink) throws IOException {
        if (g != loadedGroup) {
            load(g);
        }
        for (int row = from; row < to; row++) {
            int sample = firstSample + row - from;
            for (DecodedLeaf leaf : leaves) {
                leaf.deliver(row, sample, sink);
            }
        }
    }

    /** Reads and decodes the projected chunks of row group {@code g}. */
    private void load(int g) throws IOException {
        loadedGroup = -1;
        for (DecodedLeaf leaf : leaves) {
            leaf.clear();
        }
        int rows = layout.rows(g);
        String where = "row group " + g;
        try {
            PageReadStore pages = reader.readRowGroup(g);
            if (pages == null || pages.getRowCount() != rows) {
                throw new CorruptDataException("expected " + rows + " rows, parquet-java found "
                        + (pages == null ? "no row group" : pages.getRowCount()));
            }
            if (rows > 0) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, converter, schema, layout.createdBy());
                for (int i = 0; i < leaves.length; i++) {
                    LeafPlan plan = leaves[i].plan();
                    where = "row group " + g + ", column '" + plan.dottedPath() + "'";
                    pageLimit.target(layout.chunkUncompressedSize(g, indices[i]));
                    ColumnReader column = store.getColumnReader(plan.descriptor());
                    leaves[i].decode(column, pages.getPageReader(plan.descriptor()).getTotalValueCount(), rows);
                }
            }
        } catch (IOException | RuntimeException e) {
            for (DecodedLeaf leaf : leaves) {
                leaf.clear();
            }
            throw ParquetErrors.translate(path, where, e);
        } catch (OutOfMemoryError e) {
            // parquet-java's RLE decoder sizes a buffer from a run header before checking it against the
            // page, so a corrupt header asks for gigabytes. That one allocation failed and nothing was
            // allocated: the heap is intact, and the file is what is wrong.
            for (DecodedLeaf leaf : leaves) {
                leaf.clear();
            }
            throw new DataFileException(path, where + ": a run or length in the encoded data "
                    + "asks for more memory than the heap holds (corrupt data)", e);
        }
        loadedGroup = g;
    }

    /** The decoded row group, counted as its projected chunks' uncompressed size. */
    @Override
    public long retainedBytes() {
        if (loadedGroup < 0) {
            return 0;
        }
        long held = 0;
        for (int i = 0; i < leaves.length; i++) {
            held += layout.chunkUncompressedSize(loadedGroup, i);
        }
        return held;
    }

    @Override
    public void close() throws IOException {
        for (DecodedLeaf leaf : leaves) {
            leaf.clear();
        }
        reader.close();
    }
}
