package org.dlioparquet.core.format.parquet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.OffsetIndex;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.dlioparquet.core.Version;
import org.dlioparquet.core.format.parquet.codec.PageCompressor;
import org.dlioparquet.core.format.parquet.codec.ParquetCodecFactory;

/**
 * Writes a Parquet file of required flat columns without parquet-java's writer: row groups of
 * exactly {@code rowGroupSize} rows, each column's chunk written whole before the next (values are
 * drawn per column, so nothing of a row group is buffered beyond two pages), then the footer as
 * parquet-format's {@code FileMetaData}, with the schema converted by parquet-java exactly as its
 * writer does. The same columns always give the same bytes.
 */
final class RawParquetWriter {
    /** {@code created_by} of the files this writer makes. */
    static final String CREATED_BY = "dlio-parquet version " + Version.get() + " (raw page writer)";
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private RawParquetWriter() {
    }

    /**
     * @param columns one per field of {@code schema}, in order; every field required and primitive
     * @param state   the calling thread's buffers and write-behind helper
     */
    static void write(SeekableByteChannel channel, MessageType schema, Map<String, String> keyValues,
                      List<RawColumn> columns, int rows, int rowGroupSize, CompressionCodecName codec, int level,
                      RawWriterState state) throws IOException {
        RawOutput out = new RawOutput(channel);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(MAGIC);
        out.write(head, null);
        PageCompressor compressor = ParquetCodecFactory.pageCompressor(codec, level);
        PageWriteBehind writeBehind = state.writeBehind;
        List<RawChunkWriter> writers = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            writers.add(new RawChunkWriter(out, state, schema.getType(c).asPrimitiveType(), codec, compressor,
                    columns.get(c).statistics()));
        }
        List<RowGroup> groups = new ArrayList<>();
        List<List<OffsetIndex>> offsetIndexes = new ArrayList<>();
        try {
            for (int first = 0; first < rows; first += rowGroupSize) {
                int n = Math.min(rowGroupSize, rows - first);
                long start = out.position();
                List<ColumnChunk> chunks = new ArrayList<>();
                List<OffsetIndex> indexes = new ArrayList<>();
                long uncompressed = 0;
                for (int c = 0; c < columns.size(); c++) {
                    RawChunkWriter w = writers.get(c);
                    ColumnChunk chunk;
                    if (columns.get(c) instanceof DrawnBinaryColumn drawn && compressor == null
                            && out.takesPositionalWrites()) {
                        chunk = w.writeInLanes(drawn, first, n);
                    } else {
                        w.start();
                        for (int r = 0; r < n; r++) {
                            columns.get(c).appendNext(w);
                        }
                        chunk = w.finish();
                    }
                    uncompressed += chunk.getMeta_data().getTotal_uncompressed_size();
                    chunks.add(chunk);
                    indexes.add(w.offsetIndex());
                }
                RowGroup group = new RowGroup(chunks, uncompressed, n);
                group.setFile_offset(start);
                group.setTotal_compressed_size(out.position() - start);
                group.setOrdinal((short) Math.min(groups.size(), Short.MAX_VALUE));
                groups.add(group);
                offsetIndexes.add(indexes);
            }
            writeBehind.await();
        } finally {
            writeBehind.settle();
            if (compressor != null) {
                compressor.release();
            }
        }
        writeOffsetIndexes(out, groups, offsetIndexes);
        writeFooter(out, schema, keyValues, groups, rows);
    }

    /** Each chunk's offset index, after the row groups as parquet-java's writer places them, referenced from the chunk. */
    private static void writeOffsetIndexes(RawOutput out, List<RowGroup> groups, List<List<OffsetIndex>> indexes)
            throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        long at = out.position();
        for (int g = 0; g < groups.size(); g++) {
            List<ColumnChunk> chunks = groups.get(g).getColumns();
            for (int c = 0; c < chunks.size(); c++) {
                int before = all.size();
                Util.writeOffsetIndex(indexes.get(g).get(c), all);
                chunks.get(c).setOffset_index_offset(at + before);
                chunks.get(c).setOffset_index_length(all.size() - before);
            }
        }
        out.write(all, null);
    }

    private static void writeFooter(RawOutput out, MessageType schema, Map<String, String> keyValues,
                                    List<RowGroup> groups, long rows) throws IOException {
        // parquet-java converts the schema (logical types, converted types, column orders) as its writer does
        FileMetaData footer = new ParquetMetadataConverter().toParquetMetadata(1, new ParquetMetadata(
                new org.apache.parquet.hadoop.metadata.FileMetaData(schema, keyValues, CREATED_BY), List.of()));
        footer.setNum_rows(rows);
        footer.setRow_groups(groups);
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        Util.writeFileMetaData(footer, tail);
        int length = tail.size();
        tail.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(length).array());
        tail.write(MAGIC);
        out.write(tail, null);
    }
}
