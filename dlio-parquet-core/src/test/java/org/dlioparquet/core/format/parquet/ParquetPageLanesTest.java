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
import java.util.zip.CRC32C;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.storage.ChecksummingChannel;
import org.dlioparquet.core.storage.ForwardingChannel;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Blob samples, uncompressed, into a file: the generating thread and its helper each draw and
 * write half of a row group's pages at places reserved in the file. The file is the one written
 * page after page, and a failure in either lane fails the file with nothing left writing.
 */
class ParquetPageLanesTest {
    private static final String HELPER = "parquet-page-writer";
    @TempDir
    Path dir;

    private static DatasetConfig blobs(int rowGroupSize, Compression codec) {
        return TestDatasets.of(FormatType.PARQUET).rowGroupSize(rowGroupSize).elementType(ElementType.UINT8)
                .compression(codec).build();
    }

    private SeekableByteChannel create(String name) throws IOException {
        return FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @ParameterizedTest(name = "{2} samples of {0}x{1} in row groups of {3}")
    @CsvSource({
        "1024, 1024, 7, 4", // a page per sample: row groups of 4 pages (2 + 2) and 3 (2 + 1)
        "600, 600, 10, 10", // 3 samples a page: pages of 3, 3, 3 and 1
        "64, 64, 700, 700", // 256 samples a page: 256, 256, 188
        "1024, 1024, 1, 1", // one page: the caller alone
    })
    void pagesWrittenInTwoLanesMakeTheFileWrittenPageAfterPage(int height, int width, int samples, int rowGroupSize)
            throws Exception {
        DatasetConfig dataset = blobs(rowGroupSize, Compression.NONE);
        FileSpec spec = ParquetTestSupport.spec(List.of(height, width), samples, 11);
        ParquetFileGenerator generator = new ParquetFileGenerator(dataset);
        try (SeekableByteChannel sequential = new ForwardingChannel(create("sequential.parquet"));
             PageWriteProbe lanes = PageWriteProbe.positional(create("lanes.parquet"))) {
            generator.write(spec, sequential); // a layer that does not pass positional writes on
            generator.write(spec, lanes);
            if (samples > 1) {
                assertThat(lanes.pageWriters).as("pages written by both threads").extracting(Thread::getName)
                        .contains(HELPER, Thread.currentThread().getName());
            }
        }
        assertThat(Files.readAllBytes(dir.resolve("lanes.parquet")))
                .isEqualTo(Files.readAllBytes(dir.resolve("sequential.parquet")));
        CollectingSink read = ParquetTestSupport.readAll(dir.resolve("lanes.parquet"));
        for (int k : new int[] {0, samples / 2, samples - 1}) {
            assertThat(read.value(k, 0)).as("sample %d", k)
                    .isEqualTo(ParquetBlobRoundTripTest.expectedSample(spec, k, ElementType.UINT8));
        }
    }

    @Test
    void theChecksumOfPagesWrittenInTwoLanesIsTheFiles() throws Exception {
        FileSpec spec = ParquetTestSupport.spec(List.of(1024, 1024), 9, 3);
        Path file = dir.resolve("f.parquet");
        try (ChecksummingChannel out = new ChecksummingChannel(create("f.parquet"))) {
            new ParquetFileGenerator(blobs(4, Compression.NONE)).write(spec, out);
            CRC32C crc = new CRC32C();
            crc.update(Files.readAllBytes(file));
            assertThat(out.crc32c()).hasValue((int) crc.getValue());
        }
    }

    @Test
    void compressedPagesAreNotWrittenInLanes() throws Exception {
        FileSpec spec = ParquetTestSupport.spec(List.of(1024, 1024), 4, 3);
        try (PageWriteProbe out = PageWriteProbe.positional(create("f.parquet"))) {
            new ParquetFileGenerator(blobs(4, Compression.SNAPPY)).write(spec, out);
            // a page's size is known only once it is compressed: the helper writes the pages in
            // order and the caller only the chunk's last, as over a channel without positional writes
            assertThat(out.pageWriters).extracting(Thread::getName)
                    .containsExactly(HELPER, HELPER, HELPER, Thread.currentThread().getName());
        }
    }

    @Test
    void aHelperLaneThatFailsFailsTheFileWithItsException() throws Exception {
        FileSpec spec = ParquetTestSupport.spec(List.of(1024, 1024), 8, 3);
        try (PageWriteProbe out = PageWriteProbe.positional(create("f.parquet"))) {
            out.failPages(t -> t.getName().equals(HELPER), new IOException("No space left on device"));
            assertThatThrownBy(() -> new ParquetFileGenerator(blobs(8, Compression.NONE)).write(spec, out))
                    .isInstanceOf(IOException.class).hasMessage("No space left on device");
            out.returned = true;
            assertThat(out.writing.get()).isZero();
        }
    }

    @Test
    void aCallerLaneThatFailsReturnsOnlyOnceTheHelpersPagesAreDone() throws Exception {
        FileSpec spec = ParquetTestSupport.spec(List.of(1024, 1024), 8, 3);
        try (PageWriteProbe out = PageWriteProbe.positional(create("f.parquet"))) {
            Thread caller = Thread.currentThread();
            out.failPages(t -> t == caller, new IOException("No space left on device"));
            out.slowPages(t -> t.getName().equals(HELPER), 200);
            assertThatThrownBy(() -> new ParquetFileGenerator(blobs(8, Compression.NONE)).write(spec, out))
                    .isInstanceOf(IOException.class).hasMessage("No space left on device");
            out.returned = true;
            assertThat(out.writing.get()).as("writes in progress once write() threw").isZero();
            Thread.sleep(500);
            assertThat(out.lateWrites.get()).as("writes after write() threw").isZero();
        }
        // the thread's next file is whole
        FileSpec next = ParquetTestSupport.spec(List.of(1024, 1024), 8, 4);
        ParquetFileGenerator generator = new ParquetFileGenerator(blobs(8, Compression.NONE));
        try (SeekableByteChannel a = create("after.parquet"); SeekableByteChannel b = new ForwardingChannel(create("b.parquet"))) {
            generator.write(next, a);
            generator.write(next, b);
        }
        assertThat(Files.readAllBytes(dir.resolve("after.parquet"))).isEqualTo(Files.readAllBytes(dir.resolve("b.parquet")));
    }
}
