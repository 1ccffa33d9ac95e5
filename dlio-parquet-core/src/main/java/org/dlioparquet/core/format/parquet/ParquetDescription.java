package org.dlioparquet.core.format.parquet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.dlioparquet.core.internal.Printable;

/**
 * What {@code dlio-parquet inspect} prints for a Parquet file, including which reader each column
 * takes: the page decoder, or parquet-java and why.
 */
final class ParquetDescription {
    private static final int MAX_ROW_GROUPS = 20;
    private static final int MAX_VALUE_CHARS = 120;

    private ParquetDescription() {
    }

    static List<String> of(FileLayout layout) {
        ParquetMetadata footer = layout.footer();
        Map<ColumnPath, String> readers = new HashMap<>();
        for (int i = 0; i < layout.leaves().size(); i++) {
            String obstacle = layout.obstacle(i);
            readers.put(layout.leaves().get(i).path(), obstacle == null ? "page decoder"
                    : "parquet-java (" + obstacle + ")");
        }
        List<String> lines = new ArrayList<>();
        long rows = footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
        lines.add("format: parquet, created by " + footer.getFileMetaData().getCreatedBy());
        lines.add("rows (samples): " + rows + ", row groups: " + footer.getBlocks().size());
        lines.add("schema:");
        for (String l : footer.getFileMetaData().getSchema().toString().split("\\R")) {
            if (!l.isBlank()) {
                lines.add("  " + l);
            }
        }
        for (Map.Entry<String, String> kv : footer.getFileMetaData().getKeyValueMetaData().entrySet()) {
            String v = kv.getValue() == null ? "(no value)" : Printable.escape(kv.getValue()); // optional in Parquet
            lines.add("metadata " + Printable.escape(kv.getKey()) + ": " + (v.length() > MAX_VALUE_CHARS
                    ? v.substring(0, MAX_VALUE_CHARS) + "... (" + v.length() + " chars)" : v));
        }
        List<BlockMetaData> blocks = footer.getBlocks();
        for (int g = 0; g < Math.min(blocks.size(), MAX_ROW_GROUPS); g++) {
            BlockMetaData b = blocks.get(g);
            Set<String> codecs = new LinkedHashSet<>();
            for (ColumnChunkMetaData c : b.getColumns()) {
                codecs.add(c.getCodec().name());
            }
            lines.add(String.format(Locale.ROOT, "row group %d: %d rows, %d bytes compressed, %d uncompressed, codec %s",
                    g, b.getRowCount(), b.getCompressedSize(), b.getTotalByteSize(), String.join("/", codecs)));
            if (g == 0) {
                for (ColumnChunkMetaData c : b.getColumns()) {
                    lines.add(String.format(Locale.ROOT, "  column %s: %s, %s, encodings %s, %d bytes, read by %s",
                            c.getPath(), c.getPrimitiveType().getPrimitiveTypeName(), c.getCodec(), c.getEncodings(),
                            c.getTotalSize(), readers.get(c.getPath())));
                }
            }
        }
        if (blocks.size() > MAX_ROW_GROUPS) {
            lines.add("... " + (blocks.size() - MAX_ROW_GROUPS) + " more row groups");
        }
        return lines;
    }
}
