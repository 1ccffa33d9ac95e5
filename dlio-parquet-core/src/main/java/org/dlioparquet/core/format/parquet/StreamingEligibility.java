package org.dlioparquet.core.format.parquet;

import java.util.EnumSet;
import java.util.Set;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Whether {@link StreamedLeaf} can read a leaf column's chunks, decided from the footer alone.
 * It reads what pyarrow, DuckDB, Spark and parquet-java write by default: PLAIN values, dictionary
 * pages with PLAIN_DICTIONARY or RLE_DICTIONARY indices (and the PLAIN pages a writer falls back
 * to when a dictionary grows too large), RLE booleans, RLE or bit-packed levels, data pages v1 and
 * v2, nulls, lists, maps and structs, every physical type. DELTA_BINARY_PACKED,
 * DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT (written only when asked for,
 * e.g. parquet-java's v2 writer or DuckDB's {@code PARQUET_VERSION v2}) are left to parquet-java.
 */
@SuppressWarnings("deprecation") // PLAIN_DICTIONARY and BIT_PACKED: deprecated for writers, still in files
final class StreamingEligibility {
    /** Encodings a chunk may list: values, dictionary indices and levels. */
    private static final Set<Encoding> ALLOWED = EnumSet.of(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY,
            Encoding.RLE_DICTIONARY, Encoding.RLE, Encoding.BIT_PACKED);

    private StreamingEligibility() {
    }

    /** Why the leaf's chunks ({@code chunks[g][leaf]} of every row group) cannot be streamed, or null when they can. */
    static String obstacle(LeafPlan leaf, ColumnChunkMetaData[][] chunks, int index) {
        PrimitiveType type = leaf.descriptor().getPrimitiveType();
        if (type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY
                && type.getTypeLength() <= 0) {
            return "is a FIXED_LEN_BYTE_ARRAY of length " + type.getTypeLength();
        }
        for (int g = 0; g < chunks.length; g++) {
            String problem = chunkObstacle(chunks[g][index]);
            if (problem != null) {
                return "uses " + problem + " (row group " + g + ")";
            }
        }
        return null;
    }

    private static String chunkObstacle(ColumnChunkMetaData c) {
        for (Encoding e : c.getEncodings()) {
            if (!ALLOWED.contains(e)) {
                return "encoding " + e;
            }
        }
        EncodingStats stats = c.getEncodingStats();
        if (stats != null) {
            for (Encoding e : stats.getDataEncodings()) {
                if (!ALLOWED.contains(e) || e == Encoding.BIT_PACKED) {
                    return "encoding " + e;
                }
            }
        }
        return null;
    }
}
