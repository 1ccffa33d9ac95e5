package org.dlioparquet.core.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.dlioparquet.core.storage.ForwardingChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw writer's pages written behind the generating thread: failures, and nothing left running. */
class ParquetPageWriteBehindTest {
    /** int64 values that fill one page. */
    private static final int PAGE_VALUES = RawChunkWriter.PAGE_BYTES / 8;
    private static final MessageType SCHEMA = Types.buildMessage().required(PrimitiveTypeName.INT64).named("v")
            .named("m");

    @TempDir
    Path dir;

    /** Row {@code r} holds {@code r}; row {@code failAt} throws. */
    private static RawColumn longs(int failAt) {
        return new RawColumn() {
            private long next;

            @Override
            public void appendNext(RawChunkWriter chunk) throws IOException {
                if (next == failAt) {
                    throw new IllegalStateException("no value for row " + failAt);
                }
                chunk.page().putLong(next);
                chunk.stats().updateStats(next++);
                chunk.valueAdded();
            }

            @Override
            public boolean statistics() {
                return true;
            }
        };
    }

    private void write(SeekableByteChannel out, int rows, int failAt) throws IOException {
        RawParquetWriter.write(out, SCHEMA, Map.of(), List.of(longs(failAt)), rows, rows, CompressionCodecName.GZIP, 6);
    }

    /** A file channel whose page writes (1 MiB) are slow, and that records who writes and when. */
    private static final class ProbeChannel extends ForwardingChannel {
        final AtomicInteger writing = new AtomicInteger();
        final AtomicInteger lateWrites = new AtomicInteger();
        volatile boolean returned;
        volatile IOException failPages;
        final List<String> pageWriters = new java.util.concurrent.CopyOnWriteArrayList<>();

        ProbeChannel(SeekableByteChannel file) {
            super(file);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            writing.incrementAndGet();
            try {
                if (src.remaining() > 64 << 10) {
                    pageWriters.add(Thread.currentThread().getName());
                    if (failPages != null) {
                        throw failPages;
                    }
                    Thread.sleep(300);
                }
                return super.write(src);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                if (returned) {
                    lateWrites.incrementAndGet();
                }
                writing.decrementAndGet();
            }
        }
    }

    private ProbeChannel probe(String name) throws IOException {
        return new ProbeChannel(FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE));
    }

    @Test
    void aFailureWhileAPageIsWrittenReturnsOnlyOnceThePageIsDone() throws Exception {
        try (ProbeChannel out = probe("f.parquet")) {
            // the first page is handed over at row PAGE_VALUES; the next row fails while it is written
            assertThatThrownBy(() -> write(out, 3 * PAGE_VALUES, PAGE_VALUES + 1))
                    .isInstanceOf(IllegalStateException.class).hasMessage("no value for row " + (PAGE_VALUES + 1));
            out.returned = true;
            assertThat(out.writing.get()).as("writes in progress once write() threw").isZero();
            Thread.sleep(500);
            assertThat(out.lateWrites.get()).as("writes after write() threw").isZero();
        }
    }

    @Test
    void aPageWriteThatFailsFailsTheFileWithItsException() throws Exception {
        try (ProbeChannel out = probe("f.parquet")) {
            out.failPages = new IOException("No space left on device");
            assertThatThrownBy(() -> write(out, 3 * PAGE_VALUES, -1)).isSameAs(out.failPages);
            out.returned = true;
            assertThat(out.writing.get()).isZero();
        }
    }

    @Test
    void pagesBeforeAChunksLastGoBehindAndTheLastIsWrittenByTheCaller() throws Exception {
        try (ProbeChannel out = probe("f.parquet")) {
            // pages of 1 MiB, 1 MiB and 512 KiB
            write(out, 5 * PAGE_VALUES / 2, -1);
            String caller = Thread.currentThread().getName();
            assertThat(out.pageWriters).hasSize(3);
            assertThat(out.pageWriters.subList(0, 2)).containsOnly("parquet-page-writer");
            assertThat(out.pageWriters.get(2)).isEqualTo(caller);
        }
    }
}
