package org.dlioparquet.core.format.parquet;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Whether {@link StreamedLeaf} can read a file's projected column chunks, decided from the footer
 * alone: every leaf flat (no repetition) and every chunk PLAIN-encoded without a dictionary. That
 * covers every file our generator writes without list columns, and pyarrow or DuckDB files written
 * without dictionaries; anything else is read by parquet-java.
 */
final class StreamingEligibility {
    /** Encodings a chunk may list: PLAIN values, and RLE or BIT_PACKED levels. */
    private static final Set<Encoding> ALLOWED = EnumSet.of(Encoding.PLAIN, Encoding.RLE, Encoding.BIT_PACKED);

    private StreamingEligibility() {
    }

    /** Why the chunks cannot be streamed, or null when they can. */
    static String obstacle(List<LeafPlan> leaves, ColumnChunkMetaData[][] chunks) {
        for (LeafPlan leaf : leaves) {
            if (leaf.maxRepetitionLevel() > 0) {
                return "column '" + leaf.dottedPath() + "' is repeated (a list or map)";
            }
        }
        for (int g = 0; g < chunks.length; g++) {
            for (int i = 0; i < leaves.size(); i++) {
                String problem = chunkObstacle(leaves.get(i), chunks[g][i]);
                if (problem != null) {
                    return "column chunk '" + leaves.get(i).dottedPath() + "' of row group " + g + " " + problem;
                }
            }
        }
        return null;
    }

    private static String chunkObstacle(LeafPlan leaf, ColumnChunkMetaData c) {
        if (c.getDictionaryPageOffset() > 0) {
            return "has a dictionary page";
        }
        for (Encoding e : c.getEncodings()) {
            if (!ALLOWED.contains(e)) {
                return "uses encoding " + e;
            }
        }
        EncodingStats stats = c.getEncodingStats();
        if (stats != null) {
            if (stats.hasDictionaryPages()) {
                return "has a dictionary page";
            }
            for (Encoding e : stats.getDataEncodings()) {
                if (e != Encoding.PLAIN) {
                    return "has data pages encoded " + e;
                }
            }
        } else if (leaf.descriptor().getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BOOLEAN
                && c.getEncodings().contains(Encoding.RLE)) {
            // RLE could be the levels or the values; without page statistics there is no telling
            return "may hold RLE-encoded booleans";
        }
        return null;
    }
}
