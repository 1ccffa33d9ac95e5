package org.dlioparquet.core.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files written by pyarrow, DuckDB and the MLCommons DLIO fork read with the values their READMEs give. */
class ParquetInteropTest {

    private static final String LEGACY_SHA256 = "e2f797fd249c03f3b51f60b72660bc6229d5fcb0ca5027d7f42725d632601c41";

    /** The DLIO legacy payload: 8 samples of 4096 uint8. */
    private static void assertLegacyPayload(CollectingSink sink, int column) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int k = 0; k < 8; k++) {
            byte[] sample = sink.value(k, column);
            assertThat(sample).as("sample %d", k).hasSize(4096);
            all.writeBytes(sample);
        }
        byte[] bytes = all.toByteArray();
        long sum = 0;
        for (byte b : bytes) {
            sum += b & 0xFF;
        }
        assertThat(sum).isEqualTo(4140789);
        assertThat(new int[] {bytes[0] & 0xFF, bytes[1] & 0xFF, bytes[2] & 0xFF, bytes[3] & 0xFF})
                .containsExactly(167, 110, 238, 30);
        assertThat(bytes[bytes.length - 1] & 0xFF).isEqualTo(161);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                .isEqualTo(LEGACY_SHA256);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "snappy", "gzip", "zstd", "lz4"})
    void dlioLegacyListOfUint8FilesGiveTheSampleBytes(String codec) throws Exception {
        CollectingSink sink = ParquetTestSupport.readAll(Fixtures.file("interop/parquet/dlio_legacy_" + codec + ".parquet"));

        assertLegacyPayload(sink, 0);
        // INT32 (INTEGER(8,false)) elements become one byte each, all of a row in one piece
        assertThat(sink.pieces(3, 0)).hasSize(1);
    }

    @Test
    void brotliIsRefusedWithTheCodecNamed() {
        Path file = Fixtures.file("interop/parquet/dlio_legacy_brotli.parquet");
        assertThatThrownBy(() -> ParquetTestSupport.readAll(file))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ": column chunk 'data.list.element' of row group 0: codec BROTLI is not supported "
                        + "(supported: UNCOMPRESSED, SNAPPY, GZIP, LZ4, ZSTD, LZ4_RAW)");
    }

    @Test
    void binaryAndLabelFileGivesDataAndLabels() throws Exception {
        CollectingSink sink = ParquetTestSupport.readAll(Fixtures.file("interop/parquet/dlio_binary_label.parquet"));

        assertLegacyPayload(sink, 0);
        for (int k = 0; k < 8; k++) {
            assertThat(ByteBuffer.wrap(sink.value(k, 1)).order(ByteOrder.LITTLE_ENDIAN).getLong()).isEqualTo(k);
        }
    }

    /** One decoded value: null, an empty list, or bytes. */
    private record Value(boolean isNull, boolean isEmptyList, byte[] bytes) {
        static Value of(List<byte[]> pieces) {
            if (pieces.size() == 1 && pieces.get(0) == null) {
                return new Value(true, false, null);
            }
            if (pieces.size() == 1 && pieces.get(0).length == 0) {
                return new Value(false, true, new byte[0]);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pieces.forEach(p -> out.writeBytes(p));
            return new Value(false, false, out.toByteArray());
        }

        ByteBuffer le() {
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** IEEE half precision to float (Java 17 has no Float.float16ToFloat). */
    static float half(int h) {
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        float magnitude;
        if (exponent == 0) {
            magnitude = mantissa * 0x1p-24f;
        } else if (exponent == 31) {
            magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            magnitude = (1 + mantissa / 1024f) * Math.scalb(1f, exponent - 15);
        }
        return (h & 0x8000) != 0 ? -magnitude : magnitude;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dlrm_mixed_pyarrow", "dlrm_mixed_duckdb"})
    void mixedDlrmFilesMatchTheirExpectations(String name) throws Exception {
        JsonNode expect = Fixtures.expectations()
                .get("parquet/" + name + ".parquet").get("columns_expect");
        CollectingSink sink = new CollectingSink();
        List<String> columns;
        try (SampleFile f = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults())
                .open(Fixtures.file("interop/parquet/" + name + ".parquet"))) {
            assertThat(f.sampleCount()).isEqualTo(1000);
            columns = f.columns();
            f.read(0, 1000, sink);
        }
        assertThat(columns).containsExactly("f16", "f32", "f64", "i8", "i32", "i64", "u16", "flag", "str", "bin",
                "emb8", "varlist");
        for (int c = 0; c < columns.size(); c++) {
            String column = columns.get(c);
            JsonNode e = expect.get(column);
            List<Value> values = new ArrayList<>();
            for (int row = 0; row < 1000; row++) {
                values.add(Value.of(sink.pieces(row, c)));
            }
            assertThat(values.stream().filter(Value::isNull).count()).as("%s nulls", column)
                    .isEqualTo(e.get("nulls").asLong());
            checkColumn(column, e, values);
        }
    }

    private static void checkColumn(String column, JsonNode e, List<Value> values) {
        switch (column) {
            case "f16", "f32": {
                // pyarrow stores f16 as FLOAT16 (2 bytes), DuckDB as FLOAT (4 bytes)
                double sum = 0;
                List<Double> first = new ArrayList<>();
                for (Value v : values) {
                    double x = v.bytes.length == 2 ? half(v.le().getShort() & 0xFFFF) : v.le().getFloat();
                    sum += x;
                    if (first.size() < 4) {
                        first.add(x);
                    }
                }
                assertFloats(column, e, sum, first);
                break;
            }
            case "f64": {
                double sum = 0;
                List<Double> first = new ArrayList<>();
                for (Value v : values) {
                    assertThat(v.bytes).hasSize(8);
                    double x = v.le().getDouble();
                    sum += x;
                    if (first.size() < 4) {
                        first.add(x);
                    }
                }
                assertFloats(column, e, sum, first);
                break;
            }
            case "i8", "i32", "u16", "i64": {
                long sum = 0;
                List<Long> first = new ArrayList<>();
                for (Value v : values) {
                    long x = switch (column) {
                        case "i8" -> v.bytes[0];
                        case "u16" -> v.le().getShort() & 0xFFFF;
                        case "i32" -> v.le().getInt();
                        default -> v.le().getLong();
                    };
                    assertThat(v.bytes).hasSize(column.equals("i8") ? 1 : column.equals("u16") ? 2
                            : column.equals("i32") ? 4 : 8);
                    sum += x;
                    if (first.size() < 4) {
                        first.add(x);
                    }
                }
                assertThat(sum).as(column).isEqualTo(e.get(column.equals("i64") ? "sum_wrapping_int64" : "sum").asLong());
                assertThat(first).as(column).containsExactly(longs(e.get("first4")));
                break;
            }
            case "flag": {
                assertThat(values.stream().filter(v -> v.bytes[0] == 1).count()).isEqualTo(e.get("true_count").asLong());
                assertThat(values.stream().limit(4).map(v -> v.bytes[0] == 1).toList())
                        .containsExactly(true, false, false, false);
                break;
            }
            case "str": {
                long total = values.stream().mapToLong(v -> v.bytes.length).sum();
                assertThat(total).isEqualTo(e.get("total_utf8_bytes").asLong());
                List<String> first = values.stream().limit(4)
                        .map(v -> new String(v.bytes, StandardCharsets.UTF_8)).toList();
                assertThat(first).containsExactly(e.get("first4").get(0).asText(), e.get("first4").get(1).asText(),
                        e.get("first4").get(2).asText(), e.get("first4").get(3).asText());
                break;
            }
            case "bin": {
                long total = 0;
                long byteSum = 0;
                for (Value v : values) {
                    total += v.bytes.length;
                    for (byte b : v.bytes) {
                        byteSum += b & 0xFF;
                    }
                }
                assertThat(total).isEqualTo(e.get("total_bytes").asLong());
                assertThat(byteSum).isEqualTo(e.get("byte_sum").asLong());
                assertThat(HexFormat.of().formatHex(values.get(0).bytes)).isEqualTo(e.get("first_value_hex").asText());
                break;
            }
            default: {
                // emb8 and varlist: lists of float32
                long elements = 0;
                double sum = 0;
                for (Value v : values) {
                    if (v.isNull) {
                        continue;
                    }
                    for (double x : floatElements(v)) {
                        sum += x;
                        elements++;
                    }
                }
                assertThat(elements).as(column).isEqualTo(e.get("total_elements").asLong());
                assertThat(values.stream().filter(Value::isEmptyList).count()).as(column)
                        .isEqualTo(e.get("empty_lists").asLong());
                assertThat(sum).as(column).isCloseTo(e.get("sum_float64").asDouble(),
                        within(1e-9 * Math.abs(e.get("sum_float64").asDouble())));
                List<Integer> lengths = values.stream().limit(4)
                        .map(v -> v.isNull ? -1 : v.bytes.length / 4).toList();
                assertThat(lengths).containsExactly(e.get("first4_lengths").get(0).asInt(),
                        e.get("first4_lengths").get(1).asInt(), e.get("first4_lengths").get(2).asInt(),
                        e.get("first4_lengths").get(3).asInt());
                List<Double> firstRow = floatElements(values.get(0));
                for (int i = 0; i < firstRow.size(); i++) {
                    assertThat(firstRow.get(i)).isEqualTo(e.get("first_row").get(i).asDouble());
                }
                assertThat(firstRow).hasSize(e.get("first_row").size());
                break;
            }
        }
    }

    private static List<Double> floatElements(Value v) {
        List<Double> out = new ArrayList<>();
        ByteBuffer b = v.le();
        while (b.hasRemaining()) {
            out.add((double) b.getFloat());
        }
        return out;
    }

    private static void assertFloats(String column, JsonNode e, double sum, List<Double> first) {
        double expected = e.get("sum_float64").asDouble();
        assertThat(sum).as(column).isCloseTo(expected, within(1e-9 * Math.abs(expected)));
        for (int i = 0; i < 4; i++) {
            assertThat(first.get(i)).as("%s[%d]", column, i).isEqualTo(e.get("first4").get(i).asDouble());
        }
    }

    private static Long[] longs(JsonNode array) {
        Long[] out = new Long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"img_0_of_2", "img_1_of_2"})
    void dlioForkBlobFilesHaveOneSampleOf4096BytesPerRow(String name) throws Exception {
        Path file = Fixtures.file("dlio/fork_blob_tiny/train/" + name + ".parquet");
        CollectingSink sink = new CollectingSink();
        try (SampleFile f = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults()).open(file)) {
            assertThat(f.sampleCount()).isEqualTo(4);
            assertThat(f.columns()).containsExactly("data");
            assertThat(((ParquetSampleFile) f).layout().rowGroups()).isEqualTo(2);
            f.read(0, 4, sink);
        }
        for (int k = 0; k < 4; k++) {
            assertThat(sink.value(k, 0)).hasSize(4096);
        }
    }

    @Test
    void dlioForkMixedFileReadsEveryColumnWithItsWidth() throws Exception {
        Path file = Fixtures.file("dlio/fork_mixed_tiny/train/img_0_of_1.parquet");
        CollectingSink sink = new CollectingSink();
        try (SampleFile f = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults()).open(file)) {
            assertThat(f.sampleCount()).isEqualTo(1000);
            assertThat(((ParquetSampleFile) f).layout().rowGroups()).isEqualTo(4);
            assertThat(f.columns()).containsExactly("label", "dense_0", "dense_1", "cat_0", "cat_1", "emb", "flag",
                    "name", "blob", "unused");
            f.read(0, 1000, sink);
        }
        int[] widths = {1, 4, 2, 8, 2, 16, 1, -1, 8, 4};
        for (int row = 0; row < 1000; row += 111) {
            for (int c = 0; c < widths.length; c++) {
                if (widths[c] > 0) {
                    assertThat(sink.value(row, c)).as("row %d column %d", row, c).hasSize(widths[c]);
                }
            }
            assertThat(new String(sink.value(row, 7), StandardCharsets.UTF_8)).matches("s_[0-9]+");
            assertThat(sink.value(row, 6)[0]).isIn((byte) 0, (byte) 1);
        }
    }

    @Test
    void dlioForkMixedFileWithTheWorkloadsColumnListSkipsTheOthers() throws Exception {
        Path file = Fixtures.file("dlio/fork_mixed_tiny/train/img_0_of_1.parquet");
        List<String> listed = List.of("label", "dense_0", "dense_1", "cat_0", "cat_1", "emb", "name", "blob");
        long everything;
        try (SampleFile f = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults()).open(file)) {
            f.read(0, 1000, SampleSink.discard());
            everything = f.bytesRead();
        }
        CollectingSink sink = new CollectingSink();
        try (SampleFile f = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults().withColumns(listed))
                .open(file)) {
            assertThat(f.columns()).containsExactlyElementsOf(listed);
            f.read(0, 1000, sink);
            // flag (75 B) and unused (1332 B) chunks of each of the 4 row groups are not read
            assertThat(everything - f.bytesRead()).isGreaterThanOrEqualTo(4 * (75 + 1332) - 200);
        }
        assertThat(sink.pieces.stream().mapToInt(CollectingSink.Piece::column).max().orElseThrow()).isEqualTo(7);
    }

    @Test
    void anUnknownProjectedColumnIsAnErrorListingTheFilesColumns() {
        Path file = Fixtures.file("dlio/fork_mixed_tiny/train/img_0_of_1.parquet");
        assertThatThrownBy(() -> ParquetTestSupport.readAll(file,
                ReaderSettings.defaults().withColumns(List.of("label", "missing"))))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ": no column 'missing'; the file has columns label, dense_0, dense_1, cat_0, "
                        + "cat_1, emb, flag, name, blob, unused");
    }
}
