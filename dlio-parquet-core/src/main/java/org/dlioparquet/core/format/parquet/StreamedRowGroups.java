package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.storage.DirectBufferPool;

/**
 * Rows served by {@link StreamedLeaf}s, one per leaf the page-streaming reader can read
 * ({@link StreamingEligibility}), each streaming the pages of its column chunk. Rows go to the sink
 * column by column (a run of rows of one leaf, then the next leaf), as the SPI allows. What a leaf
 * learns about a chunk's pages is handed to the file's {@link FileLayout} for the next open.
 */
final class StreamedRowGroups implements RowGroupReader {
    private final Path path;
    private final FileLayout layout;
    /** Index in {@code layout.leaves()} of each streamed leaf. */
    private final int[] indices;
    private final StreamedLeaf[] leaves;
    private final ChannelInputFile input;
    private final boolean wholeGroups;
    private int group = -1;

    /**
     * @param wholeGroups the file stays open for its other samples ({@code read_type: memory}): a row
     *                    group is fetched ahead whole even when one sample is asked for
     */
    StreamedRowGroups(Path path, ChannelInputFile input, FileLayout layout, int[] indices, DirectBufferPool pool,
                      long maxValueBytes, boolean wholeGroups) {
        this.path = path;
        this.input = input;
        this.wholeGroups = wholeGroups;
        this.layout = layout;
        this.indices = indices.clone();
        this.leaves = new StreamedLeaf[indices.length];
        for (int i = 0; i < leaves.length; i++) {
            leaves[i] = new StreamedLeaf(layout.leaves().get(indices[i]), input, pool, maxValueBytes);
        }
    }

    @Override
    public void deliver(int g, int from, int to, int firstSample, SampleSink sink) throws IOException {
        if (g != group) {
            start(g, to - from <= 1, from > 0 || to < layout.rows(g));
        }
        if (to - from > 1) {
            announce(from, to);
        }
        for (StreamedLeaf leaf : leaves) {
            try {
                leaf.deliver(from, to, firstSample, sink);
            } catch (IOException | RuntimeException e) {
                group = -1;
                throw ParquetErrors.translate(path, "row group " + g + ", column '" + leaf.plan().dottedPath()
                        + "'", e);
            }
        }
    }

    /**
     * @param partOfGroup the rows asked for are a part of the row group, another part perhaps another
     *                    reader thread's: the chunks' offset indexes, when there are, say where they
     *                    lie without reading the page headers before them
     */
    private void start(int g, boolean sample, boolean partOfGroup) throws IOException {
        publish();
        group = -1;
        int rows = layout.rows(g);
        if (!sample || wholeGroups) {
            prefetchChunks(g);
        }
        for (int i = 0; i < leaves.length; i++) {
            try {
                leaves[i].startChunk(layout.chunk(g, indices[i]), rows, layout.pageTable(g, indices[i]), sample,
                        partOfGroup);
            } catch (IOException | RuntimeException e) {
                throw ParquetErrors.translate(path, "row group " + g + ", column '" + leaves[i].plan().dottedPath()
                        + "'", e);
            }
        }
        group = g;
    }

    /**
     * Tells the input where rows {@code [from, to)} lie when nearly all their bytes are in one
     * column (a sample blob beside its label): it reads those pages ahead, and none past them where
     * another reader thread may read. Nothing when the pages are not known yet, or the rows' bytes
     * are spread over several columns' chunks.
     */
    private void announce(int from, int to) throws IOException {
        long[] widest = null;
        long total = 0;
        for (StreamedLeaf leaf : leaves) {
            long[] span = leaf.span(from, to);
            if (span == null) {
                return;
            }
            total += span[1] - span[0];
            if (widest == null || span[1] - span[0] > widest[1] - widest[0]) {
                widest = span;
            }
        }
        if (widest != null && (widest[1] - widest[0]) * 8 >= total * 7) {
            input.readWindow(widest[0], widest[1]);
        }
    }

    /** The row group's projected chunks as one range, fetched ahead by an object store in one go. */
    private void prefetchChunks(int g) throws IOException {
        long first = Long.MAX_VALUE;
        long end = 0;
        for (int index : indices) {
            ColumnChunkMetaData chunk = layout.chunk(g, index);
            first = Math.min(first, chunk.getStartingPos());
            end = Math.max(end, chunk.getStartingPos() + chunk.getTotalSize());
        }
        if (end > first) {
            input.willRead(first, end - first);
        }
    }

    /** Hands what the leaves learned about the current row group's pages to the layout. */
    private void publish() {
        if (group < 0) {
            return;
        }
        for (int i = 0; i < leaves.length; i++) {
            PageTable.Known known = leaves[i].learned();
            if (known != null) {
                layout.learned(group, indices[i], known);
            }
        }
    }

    @Override
    public long retainedBytes() {
        long held = 0;
        for (StreamedLeaf leaf : leaves) {
            held += leaf.heldBytes();
        }
        return held;
    }

    @Override
    public void close() {
        publish();
        for (StreamedLeaf leaf : leaves) {
            leaf.release();
        }
        group = -1;
    }
}
