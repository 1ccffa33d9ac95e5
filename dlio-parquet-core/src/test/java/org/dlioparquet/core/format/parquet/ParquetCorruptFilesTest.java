package org.dlioparquet.core.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.testing.Fixtures;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Damaged files: each fails with a one-line {@link DataFileException} naming the file and the
 * problem, whether the damage shows when the file is opened or when its rows are read.
 */
class ParquetCorruptFilesTest {
    @TempDir
    Path dir;

    /** Opens and reads the whole file; returns the exception's reason. */
    private static String failure(Path file, ReaderSettings settings) {
        ThrowableAssert.ThrowingCallable read = () -> ParquetTestSupport.readAll(file, settings);
        Throwable thrown = Assertions.catchThrowable(read);
        assertThat(thrown).as(file.toString()).isExactlyInstanceOf(DataFileException.class);
        DataFileException e = (DataFileException) thrown;
        assertThat(e.getMessage()).startsWith(file + ": ").doesNotContain("\n");
        assertThat(e.file()).isEqualTo(file);
        return e.reason();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty.parquet | empty file (0 bytes), not a Parquet file",
        "parquet_trunc_50pct.parquet | bad trailing magic: expected \"PAR1\" at offset 19059, found 0x00000070; "
                + "the file is truncated or not a Parquet file",
        "parquet_trunc_before_footer.parquet | bad trailing magic: expected \"PAR1\" at offset 37272, found "
                + "0x94ced0cd; the file is truncated or not a Parquet file",
        "parquet_bad_magic_tail.parquet | bad trailing magic: expected \"PAR1\" at offset 38123, found \"PARX\"; "
                + "the file is truncated or not a Parquet file",
        // strict policy: pyarrow and parquet-java read this file, we refuse a damaged start
        "parquet_bad_magic_head.parquet | bad leading magic: expected \"PAR1\" at offset 0, found \"PARX\"; "
                + "not a Parquet file or damaged at its start",
        "parquet_bad_magic_both.parquet | bad leading magic: expected \"PAR1\" at offset 0, found \"PARX\"; "
                + "not a Parquet file or damaged at its start",
        "parquet_footer_len_huge.parquet | footer length 2147483632 (at offset 38119) does not fit the file: "
                + "38127 bytes leave room for at most 38115",
        "parquet_footer_len_negative.parquet | footer length 4294967295 (at offset 38119) does not fit the file: "
                + "38127 bytes leave room for at most 38115",
    })
    void brokenFramesAreNamedPrecisely(String name, String reason) {
        assertThat(failure(Fixtures.file("bad/" + name), ReaderSettings.defaults())).isEqualTo(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the footer itself cannot be parsed
        "PARQUET-1481.parquet | cannot read the footer: corrupt metadata (FileMetaData): required field 'type' is "
                + "missing",
        // parquet-java rejects the footer: a column path of the row group is not in the schema
        "ARROW-GH-41317.parquet | cannot read the footer: timestampWus_no_tz not found",
        // found before any page is read: the chunk runs into the footer
        "ARROW-RS-GH-6229-DICTHEADER.parquet | column chunk 'name' of row group 0 claims bytes [129, 451) but the "
                + "column data ends at byte 291 where the footer begins",
        // a page header claims more values than the column chunk holds
        "ARROW-RS-GH-6229-LEVELS.parquet | row group 0, column 'outer.list.item.c': the data page at byte 19 holds "
                + "21 values, but 1 of the column chunk's 1 values are left",
        // dictionary indices decode from garbage: their RLE/bit-packed runs end before the page's values
        "ARROW-GH-41321.parquet | row group 0, column 'int64': an RLE/bit-packed run header is cut off",
        // parquet-java alone accepts this file; our check of the first repetition level does not
        "ARROW-GH-45185.parquet | row group 0, column 'x.list.element': the first value has repetition level 1, "
                + "a row must start at level 0",
        // PLAIN and flat: the page-streaming reader finds the short page before reading any value of it
        "ARROW-GH-47662.parquet | row group 0, column 'flba_field': the page holds 364 bytes of values, too few "
                + "for 100 values of FIXED_LEN_BYTE_ARRAY",
    })
    void malformedFilesFromBugReportsFailWithTheirProblem(String name, String reasonStart) {
        assertThat(failure(Fixtures.file("parquet-testing/bad_data/" + name), ReaderSettings.defaults()))
                .startsWith(reasonStart);
    }

    @Test
    void bitWidthZeroDictionaryIndicesReadAsTheFirstDictionaryValue() throws Exception {
        // policy as pyarrow and parquet-java: bit width 0 means every index is 0, so 21186 equal values
        CollectingSink sink = ParquetTestSupport.readAll(Fixtures.file("parquet-testing/bad_data/ARROW-GH-43605.parquet"));
        byte[] first = sink.value(0, 0);
        assertThat(first).containsOnly(0);
        assertThat(sink.column(0)).hasSize(21186).allSatisfy((row, value) -> assertThat(value).isEqualTo(first));
    }

    @Test
    void tinyAndMissingFiles() throws Exception {
        Path tiny = Files.write(dir.resolve("tiny.parquet"), "PAR1PAR1".getBytes());
        assertThat(failure(tiny, ReaderSettings.defaults()))
                .isEqualTo("file is 8 bytes, too small for a Parquet file (at least 12: magic, footer length, magic)");
        // a file that is not there is a storage problem, not a corrupt file
        assertThatThrownBy(() -> ParquetTestSupport.readAll(dir.resolve("missing.parquet")))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aPageLargerThanTheReadersLimitIsRefusedBeforeItIsInflated() {
        Path file = Fixtures.file("interop/parquet/dlio_legacy_gzip.parquet");
        assertThat(failure(file, ReaderSettings.defaults().withMaxValueBytes(1000)))
                .matches("row group 0, column 'data\\.list\\.element': a page declares [0-9]+ uncompressed bytes, "
                        + "more than the reader's limit of 1000 \\(maxValueBytes\\)");
    }

    /** Writes one of our files, then rewrites its footer with {@code edit}. */
    private Path withEditedFooter(Consumer<FileMetaData> edit) throws IOException {
        Path file = ParquetTestSupport.write(TestDatasets.of(FormatType.PARQUET).compression(Compression.NONE)
                        .rowGroupSize(4).build(), ParquetTestSupport.spec(List.of(16, 16), 8, 1),
                dir.resolve("original.parquet"));
        byte[] bytes = Files.readAllBytes(file);
        int footerLength = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int footerStart = bytes.length - 8 - footerLength;
        FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(bytes, footerStart, footerLength));
        edit.accept(footer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, footerStart);
        ByteArrayOutputStream newFooter = new ByteArrayOutputStream();
        Util.writeFileMetaData(footer, newFooter);
        out.writeBytes(newFooter.toByteArray());
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(newFooter.size()).array());
        out.writeBytes("PAR1".getBytes());
        return Files.write(dir.resolve("edited.parquet"), out.toByteArray());
    }

    @Test
    void aPageLargerThanItsColumnChunkIsRefusedBeforeItIsAllocated() throws Exception {
        Path file = withEditedFooter(f -> f.getRow_groups().get(1).getColumns().get(0).getMeta_data()
                .setTotal_uncompressed_size(100));
        assertThat(failure(file, ReaderSettings.defaults()))
                .matches("row group 1, column 'data': a page declares [0-9]+ uncompressed bytes, more than its column "
                        + "chunk's total of 100");
    }

    @Test
    void moreRowsThanASampleIndexCanCountIsRefusedAtOpen() throws Exception {
        Path file = withEditedFooter(f -> {
            f.getRow_groups().get(0).setNum_rows(3_000_000_000L);
            f.setNum_rows(3_000_000_004L);
        });
        assertThatThrownBy(() -> ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults()).open(file))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ": the file holds more than 2147483647 rows; a file can hold at most that many "
                        + "samples");
    }

    @Test
    void aRowGroupWhoseChunkHoldsFewerRowsThanTheFooterSaysIsAnError() throws Exception {
        Path file = withEditedFooter(f -> {
            f.getRow_groups().get(0).setNum_rows(5);
            f.setNum_rows(9);
        });
        try (SampleFile f = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults()).open(file)) {
            assertThat(f.sampleCount()).isEqualTo(9);
            assertThatThrownBy(() -> f.read(0, 1, SampleSink.discard()))
                    .isInstanceOf(DataFileException.class)
                    .hasMessageEndingWith("row group 0, column 'data': the column chunk holds 4 values but the row "
                            + "group has 5 rows");
            // the file stays usable for the intact row group: its first row, sample 5 now, is original sample 4
            CollectingSink sink = new CollectingSink();
            f.read(5, sink);
            assertThat(sink.value(5, 0)).hasSize(256).isEqualTo(ParquetBlobRoundTripTest.expectedSample(
                    ParquetTestSupport.spec(List.of(16, 16), 8, 1), 4, ElementType.UINT8));
            assertThat(sink.value(5, 1)).isEqualTo(new byte[8]);
        }
    }

    /** Offset of the first page of the {@code data} chunk of row group {@code g} in our 2-group test file. */
    private static long dataChunkStart(Path file, int g) throws IOException {
        try (ParquetSampleFile f = (ParquetSampleFile) ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults())
                .open(file)) {
            assertThat(f.streamed()).isTrue();
            return f.layout().chunk(g, 0).getStartingPos();
        }
    }

    /** Our uncompressed file of 8 samples of 256 bytes in 2 row groups, one page per chunk. */
    private Path twoRowGroups() throws IOException {
        return ParquetTestSupport.write(TestDatasets.of(FormatType.PARQUET).compression(Compression.NONE)
                        .rowGroupSize(4).build(), ParquetTestSupport.spec(List.of(16, 16), 8, 1),
                dir.resolve("pages.parquet"));
    }

    /** Rewrites the page header at {@code offset} with {@code edit}; the header must keep its length. */
    private Path withEditedPageHeader(Path file, long offset, Consumer<PageHeader> edit) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes, (int) offset, bytes.length - (int) offset);
        PageHeader header = Util.readPageHeader(in);
        int length = bytes.length - (int) offset - in.available();
        edit.accept(header);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Util.writePageHeader(header, out);
        assertThat(out.size()).as("edited header length").isEqualTo(length);
        System.arraycopy(out.toByteArray(), 0, bytes, (int) offset, length);
        return Files.write(dir.resolve("edited-page.parquet"), bytes);
    }

    @Test
    void unparseablePageHeaderOfTheStreamingReaderIsNamed() throws Exception {
        Path file = twoRowGroups();
        long at = dataChunkStart(file, 1);
        byte[] bytes = Files.readAllBytes(file);
        Arrays.fill(bytes, (int) at, (int) at + 8, (byte) 0xFF);
        Path damaged = Files.write(dir.resolve("garbage.parquet"), bytes);

        assertThat(failure(damaged, ReaderSettings.defaults()))
                .startsWith("row group 1, column 'data': cannot parse the page header at byte " + at + ": ");
    }

    @Test
    void pageWithMoreValuesThanItsRowGroupHasRowsIsAnError() throws Exception {
        Path file = twoRowGroups();
        long at = dataChunkStart(file, 1);
        Path damaged = withEditedPageHeader(file, at, h -> h.getData_page_header().setNum_values(5));

        assertThat(failure(damaged, ReaderSettings.defaults())).isEqualTo("row group 1, column 'data': the data "
                + "page at byte " + at + " holds 5 values, but 4 of the row group's 4 rows are left");
    }

    @Test
    void pageRunningPastItsColumnChunkIsAnError() throws Exception {
        Path file = twoRowGroups();
        long at = dataChunkStart(file, 0);
        Path damaged = withEditedPageHeader(file, at, h -> h.setCompressed_page_size(h.getCompressed_page_size() + 9));

        assertThat(failure(damaged, ReaderSettings.defaults())).matches("row group 0, column 'data': the page at byte "
                + at + " declares 1049 bytes but its column chunk has 1040 bytes left");
    }

    @Test
    void byteArrayLongerThanItsPageIsAnError() throws Exception {
        Path file = twoRowGroups();
        long at = dataChunkStart(file, 0);
        byte[] bytes = Files.readAllBytes(file);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes, (int) at, bytes.length);
        Util.readPageHeader(in);
        int data = bytes.length - in.available();
        ByteBuffer.wrap(bytes, data, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(100_000);
        Path damaged = Files.write(dir.resolve("long-value.parquet"), bytes);

        assertThat(failure(damaged, ReaderSettings.defaults()))
                .isEqualTo("row group 0, column 'data': value 0 of the page declares 100000 bytes but 1036 are left");
    }

    @Test
    void pageEncodedOtherwiseThanTheFooterSaysIsAnError() throws Exception {
        Path file = twoRowGroups();
        Path damaged = withEditedPageHeader(file, dataChunkStart(file, 0),
                h -> h.getData_page_header().setEncoding(Encoding.DELTA_BINARY_PACKED));

        assertThat(failure(damaged, ReaderSettings.defaults())).isEqualTo("row group 0, column 'data': a data page "
                + "is encoded DELTA_BINARY_PACKED, which the column metadata does not list");
    }

    @Test
    void streamedPageLargerThanTheReadersLimitIsRefusedBeforeItIsRead() throws Exception {
        assertThat(failure(twoRowGroups(), ReaderSettings.defaults().withMaxValueBytes(1000)))
                .isEqualTo("row group 0, column 'data': a page declares 1040 uncompressed bytes, more than the "
                        + "reader's limit of 1000 (maxValueBytes)");
    }

    @Test
    void aCorruptRowGroupLeavesTheOthersReadable() throws Exception {
        Path file = twoRowGroups();
        Path damaged = withEditedPageHeader(file, dataChunkStart(file, 1),
                h -> h.getData_page_header().setNum_values(5));
        try (SampleFile f = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults()).open(damaged)) {
            assertThatThrownBy(() -> f.read(4, 1, SampleSink.discard()))
                    .isInstanceOf(DataFileException.class);
            CollectingSink sink = new CollectingSink();
            f.read(0, 4, sink);
            assertThat(sink.value(3, 0)).isEqualTo(ParquetBlobRoundTripTest.expectedSample(
                    ParquetTestSupport.spec(List.of(16, 16), 8, 1), 3, ElementType.UINT8));
        }
    }

    @Test
    void aValidFileOfNoRowsHoldsNoSamplesInsteadOfFailingABoundsCheck() throws Exception {
        Path file = Path.of(Objects.requireNonNull(getClass().getResource("edges/pyarrow_zero_rows.parquet")).toURI());

        try (SampleFile f = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults()).open(file)) {
            assertThat(f.sampleCount()).isZero();
        }
        assertThat(ParquetTestSupport.readAll(file).pieces).isEmpty();
        assertThat(ParquetTestSupport.PROVIDER.describe(file)).contains("rows (samples): 0, row groups: 1");
    }

    @Test
    void everyBitFlipInTheFooterIsReadOrReportedInTheWordsOfAFile() throws Exception {
        byte[] bytes = Files.readAllBytes(twoRowGroups());
        int footerLength = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        Path flipped = dir.resolve("flipped.parquet");
        int failures = 0;
        for (int i = bytes.length - 8 - footerLength; i < bytes.length - 8; i++) {
            for (int bit : new int[] {0, 3, 7}) {
                byte[] b = bytes.clone();
                b[i] ^= (byte) (1 << bit);
                Files.write(flipped, b);
                for (ThrowableAssert.ThrowingCallable use : List.<ThrowableAssert.ThrowingCallable>of(
                        () -> ParquetTestSupport.readAll(flipped), () -> ParquetTestSupport.PROVIDER.describe(flipped))) {
                    Throwable thrown = Assertions.catchThrowable(use);
                    if (thrown != null) {
                        failures++;
                        assertThat(thrown).as("byte %d bit %d", i, bit).isExactlyInstanceOf(DataFileException.class);
                        assertThat(thrown.getMessage()).as("byte %d bit %d", i, bit).doesNotContain("Socket")
                                .doesNotContain("Struct:").doesNotContain("org.apache").doesNotContain("\n");
                    }
                }
            }
        }
        assertThat(failures).as("most flips break the footer").isPositive();
    }
}
