package org.dlioparquet.core.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.parquet.column.Encoding;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.ColumnSpec;
import org.dlioparquet.core.config.ColumnType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.testing.DirectIo;
import org.dlioparquet.core.testing.Fixtures;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The page-streaming reader delivers exactly the pieces parquet-java's column readers deliver
 * (bytes and nulls, per sample and column, in the same order) for every file it accepts, and
 * files it does not accept are read by parquet-java.
 */
class ParquetPageStreamingTest {
    private static final List<List<String>> BLOB_PROJECTIONS =
            List.of(List.of(), List.of("label"), List.of("data"), List.of("label", "data"));

    @TempDir
    Path dir;

    static Path streamingFixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(ParquetPageStreamingTest.class.getResource("streaming/" + name),
                    name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts both readers give the same, non-empty pieces; returns them. */
    private static List<String> assertSamePieces(Path file, ReaderSettings settings) throws IOException {
        List<String> streamed = ParquetTestSupport.pieces(file, settings, true);
        assertThat(streamed).isNotEmpty().isEqualTo(ParquetTestSupport.pieces(file, settings, false));
        return streamed;
    }

    static Stream<Arguments> codecsAndRowGroups() {
        List<Arguments> cases = new ArrayList<>();
        for (Compression codec : List.of(Compression.NONE, Compression.SNAPPY, Compression.GZIP, Compression.ZSTD,
                Compression.LZ4)) {
            for (int rowGroupSize : new int[] {1, 3, 8}) {
                cases.add(Arguments.of(codec, rowGroupSize));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, row groups of {1}")
    @MethodSource("codecsAndRowGroups")
    void ourBlobFilesGiveTheSamePiecesAsParquetJavaForEveryProjection(Compression codec, int rowGroupSize)
            throws Exception {
        DatasetConfig dataset = TestDatasets.of(FormatType.PARQUET).compression(codec).rowGroupSize(rowGroupSize)
                .elementType(ElementType.FLOAT32).build();
        Path file = ParquetTestSupport.write(dataset, ParquetTestSupport.spec(List.of(8, 10), 10, 42),
                dir.resolve("f.parquet"));

        for (List<String> columns : BLOB_PROJECTIONS) {
            List<String> pieces = assertSamePieces(file, ReaderSettings.defaults().withColumns(columns));
            assertThat(pieces).hasSize(10 * (columns.isEmpty() ? 2 : columns.size()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"NONE", "ZSTD"})
    void chunksOfSeveralPagesGiveTheSamePieces(Compression codec) throws Exception {
        // 64 KiB samples, 40-row groups: 16 samples fill a 1 MiB page, so chunks of 3 pages
        DatasetConfig dataset = TestDatasets.of(FormatType.PARQUET).compression(codec).rowGroupSize(40)
                .elementType(ElementType.UINT8).build();
        Path file = ParquetTestSupport.write(dataset, ParquetTestSupport.spec(List.of(256, 256), 48, 7),
                dir.resolve("f.parquet"));

        assertSamePieces(file, ReaderSettings.defaults());
        try (ParquetSampleFile f = (ParquetSampleFile) ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults())
                .open(file)) {
            assertThat(f.layout().chunk(0, 0).getEncodingStats().getNumDataPagesEncodedAs(Encoding.PLAIN)).isEqualTo(3);
        }
    }

    static Stream<Arguments> flatColumnCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Compression codec : List.of(Compression.NONE, Compression.SNAPPY, Compression.GZIP, Compression.ZSTD,
                Compression.LZ4)) {
            for (int rowGroupSize : new int[] {1, 4, 100}) {
                cases.add(Arguments.of(codec, rowGroupSize));
            }
        }
        return cases.stream();
    }

    private static DatasetConfig flatColumns(Compression codec, int rowGroupSize) {
        TestDatasets t = TestDatasets.of(FormatType.PARQUET).compression(codec).rowGroupSize(rowGroupSize);
        ParquetColumnLayoutTest.COLUMNS.stream().filter(c -> !DlioSchemas.isList(c)).forEach(t::column);
        return t.build();
    }

    @ParameterizedTest(name = "{0}, row groups of {1}")
    @MethodSource("flatColumnCases")
    void columnLayoutFilesWithoutListsGiveTheSamePieces(Compression codec, int rowGroupSize) throws Exception {
        Path file = ParquetTestSupport.write(flatColumns(codec, rowGroupSize),
                ParquetTestSupport.spec(List.of(), 10, 77), dir.resolve("f.parquet"));

        assertSamePieces(file, ReaderSettings.defaults());
        assertSamePieces(file, ReaderSettings.defaults().withColumns(List.of("flag", "name", "i8", "f16")));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 100})
    void columnLayoutFilesWithListsGiveTheSamePieces(int rowGroupSize) throws Exception {
        TestDatasets t = TestDatasets.of(FormatType.PARQUET).rowGroupSize(rowGroupSize);
        ParquetColumnLayoutTest.COLUMNS.forEach(t::column);
        Path file = ParquetTestSupport.write(t.build(), ParquetTestSupport.spec(List.of(), 10, 77),
                dir.resolve("f.parquet"));

        assertSamePieces(file, ReaderSettings.defaults());
        assertSamePieces(file, ReaderSettings.defaults().withColumns(List.of("emb", "u16", "blob", "f64")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "snappy", "gzip", "zstd", "lz4"})
    void pyarrowFilesWithoutDictionariesGiveTheSamePiecesWithPagesV1AndV2(String codec) throws Exception {
        for (String version : List.of("1", "2")) {
            Path file = streamingFixture("pyarrow_v" + version + "_" + codec + ".parquet");
            List<String> pieces = assertSamePieces(file, ReaderSettings.defaults());
            assertThat(pieces).hasSize(50 * 13).anyMatch(p -> p.endsWith(":null"));
            assertSamePieces(file, ReaderSettings.defaults().withColumns(List.of("point", "long", "flag")));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "parquet-testing/data/alltypes_dictionary.parquet |",
        "parquet-testing/data/alltypes_plain.parquet |",
        "parquet-testing/data/alltypes_plain.snappy.parquet |",
        "parquet-testing/data/concatenated_gzip_members.parquet |",
        "parquet-testing/data/datapage_v1-corrupt-checksum.parquet |",
        "parquet-testing/data/datapage_v1-uncompressed-checksum.parquet |",
        "parquet-testing/data/datapage_v1-snappy-compressed-checksum.parquet |",
        "parquet-testing/data/datapage_v2.snappy.parquet | a c d e",
        "parquet-testing/data/fixed_length_byte_array.parquet |",
        "parquet-testing/data/float16_nonzeros_and_nans.parquet |",
        "parquet-testing/data/hadoop_lz4_compressed.parquet |",
        "parquet-testing/data/int96_from_spark.parquet |",
        "parquet-testing/data/lz4_raw_compressed.parquet |",
        "parquet-testing/data/nested_lists.snappy.parquet |",
        "parquet-testing/data/nulls.snappy.parquet |",
        "parquet-testing/data/sort_columns.parquet |",
        "parquet-testing/bad_data/ARROW-GH-43605.parquet |",
        "interop/parquet/dlio_binary_label.parquet |",
        "interop/parquet/dlio_legacy_gzip.parquet |",
        "interop/parquet/dlio_legacy_lz4.parquet |",
        "interop/parquet/dlio_legacy_none.parquet |",
        "interop/parquet/dlio_legacy_snappy.parquet |",
        "interop/parquet/dlio_legacy_zstd.parquet |",
        "interop/parquet/dlrm_mixed_duckdb.parquet |",
        "interop/parquet/dlrm_mixed_duckdb.parquet | f16 f32 f64 i8 i32 i64 u16 flag str bin",
        "interop/parquet/dlrm_mixed_pyarrow.parquet |",
        "interop/parquet/dlrm_mixed_pyarrow.parquet | varlist flag str",
        "dlio/fork_blob_tiny/train/img_0_of_2.parquet |",
        "dlio/fork_mixed_tiny/train/img_0_of_1.parquet |",
        "dlio/fork_mixed_tiny/train/img_0_of_1.parquet | label dense_0 dense_1 cat_0 cat_1 emb name blob",
    })
    void fixturesOfEveryWriterGiveTheSamePieces(String name, String columns) throws Exception {
        List<String> projection = columns == null ? List.of() : Arrays.asList(columns.trim().split(" "));
        assertSamePieces(Fixtures.file(name), ReaderSettings.defaults().withColumns(projection));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "parquet-testing/data/byte_stream_split.zstd.parquet | f32 | 'f32' uses encoding BYTE_STREAM_SPLIT (row group 0)",
        "parquet-testing/data/byte_stream_split.zstd.parquet | f64 | 'f64' uses encoding BYTE_STREAM_SPLIT (row group 0)",
        "parquet-testing/data/datapage_v2.snappy.parquet | b | 'b' uses encoding DELTA_BINARY_PACKED (row group 0)",
    })
    void columnsInEncodingsTheDecoderDoesNotReadAreReadByParquetJava(String name, String column, String obstacle)
            throws Exception {
        Path file = Fixtures.file(name);
        try (ParquetSampleFile f = (ParquetSampleFile) ParquetTestSupport.PROVIDER.newReader(
                ReaderSettings.defaults()).open(file)) {
            int leaf = f.columns().indexOf(column);
            assertThat(f.streamed()).isFalse();
            assertThat(f.layout().obstacle(leaf)).isEqualTo(obstacle);
            assertThat(f.layout().obstacle(leaf == 0 ? 1 : 0)).as("another column").isEqualTo(
                    name.contains("byte_stream_split") ? "'" + (leaf == 0 ? "f64" : "f32")
                            + "' uses encoding BYTE_STREAM_SPLIT (row group 0)" : null);
        }
        // the file read by both readers, column by column, gives what parquet-java alone gives
        assertThat(ParquetTestSupport.pieces(file, ReaderSettings.defaults(), true, 3, false))
                .isNotEmpty().isEqualTo(ParquetTestSupport.pieces(file, ReaderSettings.defaults(), false));
    }

    @Test
    void rowsAskedForInAnyOrderGiveTheSamePieces() throws Exception {
        DatasetConfig dataset = TestDatasets.of(FormatType.PARQUET).compression(Compression.SNAPPY).rowGroupSize(40)
                .elementType(ElementType.UINT8).build();
        Path file = ParquetTestSupport.write(dataset, ParquetTestSupport.spec(List.of(256, 256), 100, 9),
                dir.resolve("f.parquet"));
        // backwards, across pages and row groups, single rows and batches spanning row groups
        int[][] reads = {{99, 1}, {0, 1}, {41, 5}, {17, 1}, {16, 1}, {36, 10}, {5, 3}, {98, 2}, {0, 100}, {63, 1}};

        List<List<String>> results = new ArrayList<>();
        for (boolean streamed : new boolean[] {true, false}) {
            List<String> pieces = new ArrayList<>();
            try (ParquetSampleFile f = (ParquetSampleFile) new ParquetFormatReader(ReaderSettings.defaults(), streamed)
                    .open(file)) {
                assertThat(f.streamed()).isEqualTo(streamed);
                for (int[] read : reads) {
                    // within one call the SPI lets columns interleave: compare each call's pieces by sample and column
                    List<String> call = new ArrayList<>();
                    f.read(read[0], read[1], (s, c, p) -> call.add(String.format("%03d/%d:", s, c)
                            + (p == null ? "null" : ParquetTestSupport.hex(p))));
                    call.sort(Comparator.comparing(piece -> piece.substring(0, 6)));
                    pieces.addAll(call);
                }
            }
            results.add(pieces);
        }
        assertThat(results.get(0)).hasSize(2 * 125).isEqualTo(results.get(1));
    }

    @Test
    void memoryIsBoundedByAPageNotByTheRowGroup() throws Exception {
        // 256 KiB samples in row groups of 16 (4 MiB per chunk); pages close at 1 MiB, i.e. after 4 samples
        DatasetConfig dataset = TestDatasets.of(FormatType.PARQUET).rowGroupSize(16).elementType(ElementType.UINT8)
                .build();
        Path file = ParquetTestSupport.write(dataset, ParquetTestSupport.spec(List.of(512, 512), 32, 3),
                dir.resolve("f.parquet"));
        ParquetFormatReader reader = new ParquetFormatReader(ReaderSettings.defaults());

        try (ParquetSampleFile f = (ParquetSampleFile) reader.open(file)) {
            assertThat(f.streamed()).isTrue();
            f.read(0, 32, SampleSink.discard());
        }

        // the closed file's buffers went back to the pool: none is larger than a page plus read-ahead
        assertThat(reader.buffers().capacities()).isNotEmpty()
                .allSatisfy(c -> assertThat(c).isLessThanOrEqualTo((4 << 18) + (64 << 10) + (64 << 10)));
    }

    @Test
    void closedFilesHandEveryColumnsBuffersToTheNextFilesHoweverManyColumns() throws Exception {
        // 24 columns read from 3 files open at once (as 3 reader threads would): 72 page windows in use
        TestDatasets t = TestDatasets.of(FormatType.PARQUET).rowGroupSize(64);
        for (int i = 0; i < 24; i++) {
            t.column(ColumnSpec.of("c" + i, i % 2 == 0 ? ColumnType.INT64 : ColumnType.FLOAT32));
        }
        Path file = ParquetTestSupport.write(t.build(), ParquetTestSupport.spec(List.of(1), 100, 5),
                dir.resolve("f.parquet"));
        ParquetFormatReader reader = new ParquetFormatReader(ReaderSettings.defaults());
        List<Integer> kept = null;
        for (int round = 0; round < 2; round++) {
            List<ParquetSampleFile> open = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ParquetSampleFile f = (ParquetSampleFile) reader.open(file);
                assertThat(f.streamed()).isTrue();
                f.read(0, 100, SampleSink.discard());
                open.add(f);
            }
            for (ParquetSampleFile f : open) {
                f.close();
            }
            List<Integer> capacities = reader.buffers().capacities().stream().sorted().toList();
            if (kept == null) {
                assertThat(capacities).hasSize(3 * 24);
                kept = capacities;
            } else {
                // the second round took the first round's buffers and gave back the same ones
                assertThat(capacities).isEqualTo(kept);
            }
        }
    }

    @Test
    void oDirectReadsGiveTheSameSamples() throws Exception {
        DatasetConfig dataset = TestDatasets.of(FormatType.PARQUET).compression(Compression.ZSTD).rowGroupSize(5)
                .elementType(ElementType.UINT8).build();
        FileSpec spec = ParquetTestSupport.spec(List.of(100, 100), 12, 4);
        Path file = ParquetTestSupport.write(dataset, spec, dir.resolve("f.parquet"));
        assumeTrue(DirectIo.works(file), "the test folder's file system refuses O_DIRECT");
        ReaderSettings direct = new ReaderSettings(ElementType.UINT8, List.of(), true, 1 << 20, 1 << 30);

        CollectingSink sink = ParquetTestSupport.readAll(file, direct);

        for (int k = 0; k < 12; k++) {
            assertThat(sink.value(k, 0)).isEqualTo(ParquetBlobRoundTripTest.expectedSample(spec, k, ElementType.UINT8));
        }
        assertThat(ParquetTestSupport.pieces(file, direct, true))
                .isEqualTo(ParquetTestSupport.pieces(file, ReaderSettings.defaults(), true));
    }
}
