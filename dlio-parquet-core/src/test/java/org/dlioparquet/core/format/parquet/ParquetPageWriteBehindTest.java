package org.dlioparquet.core.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
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
    /** A helper that ends after 1 s without a page. */
    private final RawWriterState state = new RawWriterState(new PageWriteBehind(1000));

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
        RawParquetWriter.write(out, SCHEMA, Map.of(), List.of(longs(failAt)), rows, rows, CompressionCodecName.GZIP, 1,
                state);
    }

    private PageWriteProbe probe(String name) throws IOException {
        return PageWriteProbe.sequential(FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE));
    }

    @Test
    void aFailureWhileAPageIsWrittenReturnsOnlyOnceThePageIsDone() throws Exception {
        try (PageWriteProbe out = probe("f.parquet")) {
            out.slowPages(t -> true, 300);
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
        try (PageWriteProbe out = probe("f.parquet")) {
            IOException full = new IOException("No space left on device");
            out.failPages(t -> true, full);
            assertThatThrownBy(() -> write(out, 3 * PAGE_VALUES, -1)).isSameAs(full);
            out.returned = true;
            assertThat(out.writing.get()).isZero();
        }
    }

    @Test
    void pagesBeforeAChunksLastGoBehindAndTheLastIsWrittenByTheCaller() throws Exception {
        try (PageWriteProbe out = probe("f.parquet")) {
            // pages of 1 MiB, 1 MiB and 512 KiB
            write(out, 5 * PAGE_VALUES / 2, -1);
            assertThat(out.pageWriters).hasSize(3);
            assertThat(out.pageWriters.get(0).getName()).isEqualTo("parquet-page-writer");
            assertThat(out.pageWriters.get(1)).isSameAs(out.pageWriters.get(0));
            assertThat(out.pageWriters.get(2)).isSameAs(Thread.currentThread());
        }
    }

    @Test
    void aChunksLastFullPageIsWrittenByTheCallerWithoutAHandOver() throws Exception {
        // a file of one 1 MiB sample fills its page exactly: handing it over would only add a wait
        try (PageWriteProbe out = probe("one.parquet"); PageWriteProbe two = probe("two.parquet")) {
            write(out, PAGE_VALUES, -1);
            assertThat(out.pageWriters).containsExactly(Thread.currentThread());

            write(two, 2 * PAGE_VALUES, -1);
            assertThat(two.pageWriters).hasSize(2);
            assertThat(two.pageWriters.get(0).getName()).isEqualTo("parquet-page-writer");
            assertThat(two.pageWriters.get(1)).isSameAs(Thread.currentThread());
        }
    }

    @Test
    void filesOfOneThreadShareOneDaemonHelperThatEndsWhenIdle() throws Exception {
        Thread helper;
        try (PageWriteProbe first = probe("a.parquet"); PageWriteProbe second = probe("b.parquet")) {
            write(first, 5 * PAGE_VALUES / 2, -1);
            write(second, 5 * PAGE_VALUES / 2, -1);
            helper = first.pageWriters.get(0);
            assertThat(second.pageWriters.get(0)).isSameAs(helper);
        }
        assertThat(helper.isDaemon()).isTrue();
        helper.join(30_000); // idle for 1 s, it ends
        assertThat(helper.isAlive()).isFalse();
        try (PageWriteProbe third = probe("c.parquet")) {
            write(third, 5 * PAGE_VALUES / 2, -1);
            assertThat(third.pageWriters.get(0)).isNotSameAs(helper);
        }
        assertThat(Files.readAllBytes(dir.resolve("c.parquet"))).isEqualTo(Files.readAllBytes(dir.resolve("a.parquet")));
    }

    @Test
    void aThreadsNextFileIsWholeAfterAFailedOne() throws Exception {
        try (PageWriteProbe out = probe("failed.parquet")) {
            IOException full = new IOException("No space left on device");
            out.failPages(t -> true, full);
            assertThatThrownBy(() -> write(out, 3 * PAGE_VALUES, -1)).isSameAs(full);
        }
        try (PageWriteProbe out = probe("failed-mid-chunk.parquet")) {
            assertThatThrownBy(() -> write(out, 3 * PAGE_VALUES, PAGE_VALUES + 1))
                    .isInstanceOf(IllegalStateException.class);
        }
        try (PageWriteProbe out = probe("after.parquet")) {
            write(out, 5 * PAGE_VALUES / 2, -1);
        }
        RawWriterState fresh = new RawWriterState(new PageWriteBehind(1000));
        try (SeekableByteChannel out = FileChannel.open(dir.resolve("fresh.parquet"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            RawParquetWriter.write(out, SCHEMA, Map.of(), List.of(longs(-1)), 5 * PAGE_VALUES / 2, 5 * PAGE_VALUES / 2,
                    CompressionCodecName.GZIP, 1, fresh);
        }
        assertThat(Files.readAllBytes(dir.resolve("after.parquet")))
                .isEqualTo(Files.readAllBytes(dir.resolve("fresh.parquet")));
    }
}
