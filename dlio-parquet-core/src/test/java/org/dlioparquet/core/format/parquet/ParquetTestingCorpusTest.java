package org.dlioparquet.core.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Apache's parquet-testing corpus: codecs, page v2, dictionaries, nulls, nesting, INT96, checksums. */
class ParquetTestingCorpusTest {

    private static Path data(String name) {
        return Fixtures.file("parquet-testing/data/" + name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "alltypes_plain.parquet, 8, 11",
        "alltypes_plain.snappy.parquet, 2, 11",
        "alltypes_dictionary.parquet, 2, 11",
        "datapage_v2.snappy.parquet, 5, 5",
        "nulls.snappy.parquet, 8, 1",
        "nested_lists.snappy.parquet, 3, 2",
        "fixed_length_byte_array.parquet, 1000, 1",
        "int96_from_spark.parquet, 6, 1",
        "byte_stream_split.zstd.parquet, 300, 2",
        "lz4_raw_compressed.parquet, 4, 3",
        "hadoop_lz4_compressed.parquet, 4, 3",
        "concatenated_gzip_members.parquet, 513, 1",
        "sort_columns.parquet, 6, 2",
        "float16_nonzeros_and_nans.parquet, 8, 1",
        "datapage_v1-uncompressed-checksum.parquet, 5120, 2",
        "datapage_v1-snappy-compressed-checksum.parquet, 5120, 2",
        // page CRCs are not verified (a benchmark reader, like pyarrow's default): the damaged CRC is not noticed
        "datapage_v1-corrupt-checksum.parquet, 5120, 2",
    })
    void everyFileReadsCompletelyWithItsRowCount(String name, int rows, int columns) throws Exception {
        try (SampleFile f = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults()).open(data(name))) {
            assertThat(f.sampleCount()).isEqualTo(rows);
            assertThat(f.columns()).hasSize(columns);
            CollectingSink sink = new CollectingSink();
            f.read(0, rows, sink);
            for (int c = 0; c < columns; c++) {
                int column = c;
                assertThat(sink.pieces.stream().filter(p -> p.column() == column).map(CollectingSink.Piece::sample)
                        .distinct().count()).as("rows with a value in column %d", c).isEqualTo(rows);
            }
        }
    }

    /** The file holding every corpus file: none of data/ is left out of the test above. */
    @Test
    void theTableAboveCoversTheWholeDataFolder() throws Exception {
        try (Stream<Path> files = Files.list(Fixtures.root().resolve("parquet-testing/data"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")))
                    .hasSize(18);
        }
    }

    @Test
    void aBrotliFileThatInflatesToTwoGibibytesFailsAtOnce() {
        Path file = data("large_string_map.brotli.parquet");
        long start = System.nanoTime();
        assertThatThrownBy(() -> ParquetTestSupport.readAll(file))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ": column chunk 'arr.key_value.key' of row group 0: codec BROTLI is not supported "
                        + "(supported: UNCOMPRESSED, SNAPPY, GZIP, LZ4, ZSTD, LZ4_RAW)");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void plainAndDictionaryPagesOfEveryPrimitiveType() throws Exception {
        CollectingSink sink = ParquetTestSupport.readAll(data("alltypes_plain.parquet"));
        assertThat(le(sink.value(0, 0)).getInt()).isEqualTo(4);
        assertThat(sink.value(0, 1)).containsExactly(1);
        assertThat(sink.value(0, 8)).isEqualTo("03/01/09".getBytes(StandardCharsets.US_ASCII));
        assertThat(sink.value(0, 10)).as("INT96 raw").hasSize(12);
        assertThat(le(ParquetTestSupport.readAll(data("alltypes_plain.snappy.parquet")).value(0, 0)).getInt())
                .isEqualTo(6);
        assertThat(le(ParquetTestSupport.readAll(data("alltypes_dictionary.parquet")).value(0, 0)).getInt())
                .isEqualTo(0);
    }

    @Test
    void dataPageV2WithNullsAndAList() throws Exception {
        CollectingSink sink = ParquetTestSupport.readAll(data("datapage_v2.snappy.parquet"));
        assertThat(new String(sink.value(0, 0), StandardCharsets.UTF_8)).isEqualTo("abc");
        assertThat(le(sink.value(0, 4)).asIntBuffer().limit()).isEqualTo(3);
        ByteBuffer e = le(sink.value(0, 4));
        assertThat(List.of(e.getInt(), e.getInt(), e.getInt())).containsExactly(1, 2, 3);
        assertThat(nullRows(sink, 0, 5)).isEqualTo(1);
        assertThat(nullRows(sink, 4, 5)).isEqualTo(2);
    }

    /** Rows whose value in {@code column} is one null piece. */
    private static long nullRows(CollectingSink sink, int column, int rows) {
        long n = 0;
        for (int r = 0; r < rows; r++) {
            List<byte[]> pieces = sink.pieces(r, column);
            if (pieces.size() == 1 && pieces.get(0) == null) {
                n++;
            }
        }
        return n;
    }

    @Test
    void nullsAndNestingAreDeliveredAsNullPiecesAndFlattenedElements() throws Exception {
        CollectingSink nulls = ParquetTestSupport.readAll(data("nulls.snappy.parquet"));
        assertThat(nullRows(nulls, 0, 8)).as("struct present, every inner value null").isEqualTo(8);

        CollectingSink nested = ParquetTestSupport.readAll(data("nested_lists.snappy.parquet"));
        // a = [[['a','b'],['c']],[None,['d']]]: leaf values in order, the null inner list as a null piece
        List<byte[]> a = nested.pieces(0, 0);
        assertThat(a).hasSize(5);
        assertThat(a.get(0)).isEqualTo("a".getBytes(StandardCharsets.UTF_8));
        assertThat(a.get(2)).isEqualTo("c".getBytes(StandardCharsets.UTF_8));
        assertThat(a.get(3)).isNull();
        assertThat(a.get(4)).isEqualTo("d".getBytes(StandardCharsets.UTF_8));
        assertThat(le(nested.value(0, 1)).getInt()).isEqualTo(1);

        CollectingSink flba = ParquetTestSupport.readAll(data("fixed_length_byte_array.parquet"));
        assertThat(HexFormat.of().formatHex(flba.value(0, 0))).isEqualTo("000003e8");
        assertThat(nullRows(flba, 0, 1000)).isEqualTo(105);

        assertThat(nullRows(ParquetTestSupport.readAll(data("int96_from_spark.parquet")), 0, 6)).isEqualTo(1);
        CollectingSink sorted = ParquetTestSupport.readAll(data("sort_columns.parquet"));
        assertThat(nullRows(sorted, 0, 6)).isEqualTo(2);
        assertThat(sorted.value(0, 1)).isEqualTo("a".getBytes(StandardCharsets.UTF_8));
        CollectingSink half = ParquetTestSupport.readAll(data("float16_nonzeros_and_nans.parquet"));
        assertThat(nullRows(half, 0, 8)).isEqualTo(1);
        assertThat(half.pieces(0, 0)).containsExactly((byte[]) null);
        assertThat(half.value(1, 0)).hasSize(2);
    }

    @Test
    void everyCodecIncludingHadoopLz4AndConcatenatedGzipMembers() throws Exception {
        for (String name : List.of("lz4_raw_compressed.parquet", "hadoop_lz4_compressed.parquet")) {
            CollectingSink sink = ParquetTestSupport.readAll(data(name));
            assertThat(le(sink.value(0, 0)).getLong()).as(name).isEqualTo(1593604800L);
            assertThat(sink.value(0, 1)).as(name).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
            assertThat(le(sink.value(0, 2)).getDouble()).as(name).isEqualTo(42.0);
        }
        CollectingSink gzip = ParquetTestSupport.readAll(data("concatenated_gzip_members.parquet"));
        for (int r = 0; r < 513; r++) {
            assertThat(le(gzip.value(r, 0)).getLong()).isEqualTo(r + 1);
        }
        CollectingSink split = ParquetTestSupport.readAll(data("byte_stream_split.zstd.parquet"));
        assertThat(le(split.value(0, 0)).getFloat()).isEqualTo(1.764052391052246f);
        assertThat(le(split.value(0, 1)).getDouble()).isEqualTo(-1.3065268517353166);
        CollectingSink crc = ParquetTestSupport.readAll(data("datapage_v1-snappy-compressed-checksum.parquet"));
        assertThat(le(crc.value(0, 0)).getInt()).isEqualTo(50462976);
        assertThat(le(crc.value(0, 1)).getInt()).isEqualTo(1734763876);
    }
}
