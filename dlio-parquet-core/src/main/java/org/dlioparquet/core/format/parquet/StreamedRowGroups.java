package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.storage.DirectBufferPool;

/**
 * Rows served by {@link StreamedLeaf}s, one per projected leaf, each streaming the pages of its
 * column chunk: what an eligible file ({@link StreamingEligibility}) is read with.
 */
final class StreamedRowGroups implements RowGroupReader {
    private final Path path;
    private final FileLayout layout;
    private final StreamedLeaf[] leaves;
    private int group = -1;

    StreamedRowGroups(Path path, ChannelInputFile input, FileLayout layout, DirectBufferPool pool, long maxValueBytes) {
        this.path = path;
        this.layout = layout;
        List<LeafPlan> plans = layout.leaves();
        this.leaves = new StreamedLeaf[plans.size()];
        for (int i = 0; i < leaves.length; i++) {
            leaves[i] = new StreamedLeaf(plans.get(i), input, pool, maxValueBytes);
        }
    }

    @Override
    public void deliver(int g, int from, int to, int firstSample, SampleSink sink) throws IOException {
        if (g != group) {
            start(g);
        }
        for (int row = from; row < to; row++) {
            int sample = firstSample + row - from;
            for (int i = 0; i < leaves.length; i++) {
                StreamedLeaf leaf = leaves[i];
                try {
                    leaf.seek(row);
                } catch (IOException | RuntimeException e) {
                    group = -1;
                    throw ParquetErrors.translate(path, "row group " + g + ", column '" + leaf.plan().dottedPath()
                            + "'", e);
                }
                leaf.emit(row, sample, sink);
            }
        }
    }

    private void start(int g) throws IOException {
        group = -1;
        int rows = layout.rows(g);
        for (int i = 0; i < leaves.length; i++) {
            try {
                leaves[i].startChunk(layout.chunk(g, i), rows);
            } catch (IOException | RuntimeException e) {
                throw ParquetErrors.translate(path, "row group " + g + ", column '" + leaves[i].plan().dottedPath()
                        + "'", e);
            }
        }
        group = g;
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
        for (StreamedLeaf leaf : leaves) {
            leaf.release();
        }
        group = -1;
    }
}
