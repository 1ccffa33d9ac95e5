package org.dlioparquet.core.format.parquet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Collectors;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.format.parquet.codec.ParquetCodecFactory;

/**
 * What a reader needs from a footer, checked once and cached: the projected columns and their
 * leaves, where each row group starts, and each projected column chunk's sizes. Building it
 * rejects a footer that points outside the file, uses a codec we cannot read or holds more rows
 * than a {@code SampleFile} can count. Also decides, once per file and projection, which columns
 * the page-streaming reader reads ({@link StreamingEligibility}; the others go to parquet-java), and
 * keeps what readers learned about the pages of each chunk ({@link PageTable.Known}), so that the
 * next open of the file goes straight to a row's pages. Shared by every thread that opens the file.
 */
final class FileLayout {
    private final ParquetMetadata footer;
    private final MessageType requested;
    private final List<String> columns;
    private final List<LeafPlan> leaves;
    private final long[] groupStart;
    /** [row group][leaf]: the projected column chunks. */
    private final ColumnChunkMetaData[][] chunks;
    /** Per leaf: why the page-streaming reader cannot read its column, or null when it can. */
    private final String[] obstacles;
    /** [row group * leaves + leaf]: what readers learned about the chunk's pages. */
    private final AtomicReferenceArray<PageTable.Known> pageTables;

    private FileLayout(ParquetMetadata footer, MessageType requested, List<String> columns, List<LeafPlan> leaves,
                       long[] groupStart, ColumnChunkMetaData[][] chunks) {
        this.footer = footer;
        this.requested = requested;
        this.columns = columns;
        this.leaves = leaves;
        this.groupStart = groupStart;
        this.chunks = chunks;
        this.obstacles = obstacles(leaves, chunks);
        this.pageTables = new AtomicReferenceArray<>(chunks.length * leaves.size());
    }

    /** A column is read by one reader: when one of its leaves cannot be streamed, none of them is. */
    private static String[] obstacles(List<LeafPlan> leaves, ColumnChunkMetaData[][] chunks) {
        String[] byLeaf = new String[leaves.size()];
        Map<Integer, String> byColumn = new HashMap<>();
        for (int i = 0; i < byLeaf.length; i++) {
            String o = StreamingEligibility.obstacle(leaves.get(i), chunks, i);
            if (o != null) {
                byColumn.putIfAbsent(leaves.get(i).column(), "'" + leaves.get(i).dottedPath() + "' " + o);
            }
        }
        for (int i = 0; i < byLeaf.length; i++) {
            byLeaf[i] = byColumn.get(leaves.get(i).column());
        }
        return byLeaf;
    }

    /**
     * @param wanted       top-level columns to read; empty = all
     * @param fileSize     bytes in the file
     * @param footerLength the footer length the file states (already checked to fit)
     */
    static FileLayout of(Path file, ParquetMetadata footer, List<String> wanted, long fileSize, long footerLength)
            throws DataFileException {
        MessageType schema = footer.getFileMetaData().getSchema();
        MessageType requested = project(file, schema, wanted);
        List<String> columns = requested.getFields().stream().map(Type::getName).collect(Collectors.toList());
        List<LeafPlan> leaves = new ArrayList<>();
        for (ColumnDescriptor d : requested.getColumns()) {
            leaves.add(LeafPlan.of(requested, d, columns.indexOf(d.getPath()[0])));
        }
        List<BlockMetaData> blocks = footer.getBlocks();
        long[] groupStart = new long[blocks.size() + 1];
        ColumnChunkMetaData[][] chunks = new ColumnChunkMetaData[blocks.size()][];
        long dataEnd = fileSize - footerLength - 8;
        for (int g = 0; g < blocks.size(); g++) {
            BlockMetaData block = blocks.get(g);
            if (block.getRowCount() < 0) {
                throw new DataFileException(file, "row group " + g + " claims " + block.getRowCount() + " rows");
            }
            groupStart[g + 1] = groupStart[g] + block.getRowCount();
            if (groupStart[g + 1] > Integer.MAX_VALUE) {
                throw new DataFileException(file, "the file holds more than " + Integer.MAX_VALUE
                        + " rows; a file can hold at most that many samples");
            }
            chunks[g] = checkChunks(file, g, block, leaves, dataEnd);
        }
        return new FileLayout(footer, requested, List.copyOf(columns), List.copyOf(leaves), groupStart, chunks);
    }

    private static MessageType project(Path file, MessageType schema, List<String> wanted) throws DataFileException {
        if (wanted.isEmpty()) {
            return schema;
        }
        List<Type> fields = new ArrayList<>();
        for (String name : new LinkedHashSet<>(wanted)) {
            if (!schema.containsField(name)) {
                throw new DataFileException(file, "no column '" + name + "'; the file has columns "
                        + schema.getFields().stream().map(Type::getName).collect(Collectors.joining(", ")));
            }
            fields.add(schema.getType(name));
        }
        return new MessageType(schema.getName(), fields);
    }

    /** A chunk as messages name it; built only for a message (every file open checks every chunk). */
    private static String chunkName(LeafPlan leaf, int g) {
        return "column chunk '" + leaf.dottedPath() + "' of row group " + g;
    }

    /** Checks the projected chunks of one row group and returns them in leaf order. */
    private static ColumnChunkMetaData[] checkChunks(Path file, int g, BlockMetaData block, List<LeafPlan> leaves, long dataEnd)
            throws DataFileException {
        Map<ColumnPath, ColumnChunkMetaData> byPath = new HashMap<>();
        for (ColumnChunkMetaData c : block.getColumns()) {
            byPath.put(c.getPath(), c);
        }
        ColumnChunkMetaData[] projected = new ColumnChunkMetaData[leaves.size()];
        for (int i = 0; i < leaves.size(); i++) {
            LeafPlan leaf = leaves.get(i);
            ColumnChunkMetaData c = byPath.get(leaf.path());
            if (c == null) {
                throw new DataFileException(file, "row group " + g + " has no column chunk for '"
                        + leaf.dottedPath() + "'");
            }
            if (c.isEncrypted()) {
                throw new DataFileException(file, chunkName(leaf, g)
                        + " is encrypted; encrypted Parquet is not supported");
            }
            String codecProblem = ParquetCodecFactory.unsupportedReason(c.getCodec());
            if (codecProblem != null) {
                throw new DataFileException(file, chunkName(leaf, g) + ": " + codecProblem);
            }
            long start = c.getStartingPos();
            long size = c.getTotalSize();
            if (block.getRowCount() == 0) {
                // nothing is ever read from a row group of no rows (pyarrow writes one for an empty
                // table, with offsets of 0): its chunks' bounds do not matter
                projected[i] = c;
                continue;
            }
            if (start < FileEnvelope.MAGIC_LENGTH || size < 0 || start > dataEnd - size) {
                throw new DataFileException(file, chunkName(leaf, g) + " claims bytes [" + start + ", "
                        + (start + size) + ") but the column data ends at byte " + dataEnd + " where the footer begins");
            }
            if (c.getTotalUncompressedSize() < 0 || c.getValueCount() < 0) {
                throw new DataFileException(file, chunkName(leaf, g) + " claims " + c.getTotalUncompressedSize()
                        + " uncompressed bytes and " + c.getValueCount() + " values");
            }
            projected[i] = c;
        }
        return projected;
    }

    ParquetMetadata footer() {
        return footer;
    }

    MessageType requestedSchema() {
        return requested;
    }

    List<String> columns() {
        return columns;
    }

    List<LeafPlan> leaves() {
        return leaves;
    }

    int rowGroups() {
        return groupStart.length - 1;
    }

    int sampleCount() {
        return (int) groupStart[groupStart.length - 1];
    }

    /** Index of the first row of row group {@code g}; {@code g == rowGroups()} gives the row count. */
    int groupStart(int g) {
        return (int) groupStart[g];
    }

    int rows(int g) {
        return (int) (groupStart[g + 1] - groupStart[g]);
    }

    /** The row group holding row {@code row}, skipping empty row groups. */
    int groupOf(int row) {
        int lo = 0;
        int hi = rowGroups() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (groupStart[mid] <= row) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    long chunkUncompressedSize(int g, int leaf) {
        return chunks[g][leaf].getTotalUncompressedSize();
    }

    /** The column chunk of projected leaf {@code leaf} in row group {@code g}. */
    ColumnChunkMetaData chunk(int g, int leaf) {
        return chunks[g][leaf];
    }

    /** Why the page-streaming reader cannot read leaf {@code leaf}'s column; null when it can. */
    String obstacle(int leaf) {
        return obstacles[leaf];
    }

    /** The first reason some projected column is left to parquet-java, or null when none is. */
    String streamingObstacle() {
        for (String o : obstacles) {
            if (o != null) {
                return o;
            }
        }
        return null;
    }

    /** The projected schema narrowed to the columns parquet-java reads. */
    MessageType decodedSchema() {
        List<Type> fields = new ArrayList<>();
        for (Type field : requested.getFields()) {
            int column = columns.indexOf(field.getName());
            for (int i = 0; i < leaves.size(); i++) {
                if (leaves.get(i).column() == column && obstacles[i] != null) {
                    fields.add(field);
                    break;
                }
            }
        }
        return new MessageType(requested.getName(), fields);
    }

    /** What readers learned about the pages of leaf {@code leaf}'s chunk in row group {@code g}, or null. */
    PageTable.Known pageTable(int g, int leaf) {
        return pageTables.get(g * leaves.size() + leaf);
    }

    /** Keeps {@code known} for the next reader of the chunk unless what is kept already knows as much. */
    void learned(int g, int leaf, PageTable.Known known) {
        int at = g * leaves.size() + leaf;
        PageTable.Known old = pageTables.get(at);
        if (old == null || known.knowledge() > old.knowledge()) {
            pageTables.compareAndSet(at, old, known);
        }
    }

    String createdBy() {
        return footer.getFileMetaData().getCreatedBy();
    }
}
