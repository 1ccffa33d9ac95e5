package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.SeededContent;

/**
 * The blob layout's two columns for the raw writer, with the same contents as {@link BlobRows}:
 * {@code data} = sample k's bytes, filled straight into the page, and {@code label} = 0.
 */
final class BlobColumns {
    private BlobColumns() {
    }

    static List<RawColumn> of(FileSpec spec, ElementType type, int sampleBytes) {
        return List.of(new Data(spec, type, sampleBytes), new Label());
    }

    private static final class Data implements DrawnBinaryColumn {
        private final FileSpec spec;
        private final ElementType type;
        private final int sampleBytes;
        private int next;

        Data(FileSpec spec, ElementType type, int sampleBytes) {
            this.spec = spec;
            this.type = type;
            this.sampleBytes = sampleBytes;
        }

        @Override
        public void appendNext(RawChunkWriter chunk) throws IOException {
            draw(next++, chunk.page().reserveBinary(sampleBytes));
            chunk.valueAdded();
        }

        @Override
        public int valueBytes() {
            return sampleBytes;
        }

        @Override
        public void draw(int row, ByteBuffer into) {
            new SeededContent(spec.sampleSeed(row)).fill(into, type);
        }
    }

    private static final class Label implements RawColumn {
        @Override
        public void appendNext(RawChunkWriter chunk) throws IOException {
            chunk.page().putLong(0);
            chunk.stats().updateStats(0L);
            chunk.valueAdded();
        }

        @Override
        public boolean statistics() {
            return true;
        }
    }
}
