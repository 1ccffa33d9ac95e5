package org.dlioparquet.core.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.ColumnSpec;
import org.dlioparquet.core.config.ColumnType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.spi.SeededContent;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParquetColumnLayoutTest {
    /** Every dtype, scalar and as a fixed-size list, plus the variable-size ones. */
    static final List<ColumnSpec> COLUMNS = List.of(
            new ColumnSpec("u8", ColumnType.UINT8, 1, true),
            new ColumnSpec("u16", ColumnType.UINT16, 1, true),
            new ColumnSpec("u32", ColumnType.UINT32, 1, true),
            new ColumnSpec("u64", ColumnType.UINT64, 1, true),
            new ColumnSpec("i8", ColumnType.INT8, 1, true),
            new ColumnSpec("i16", ColumnType.INT16, 1, true),
            new ColumnSpec("i32", ColumnType.INT32, 1, true),
            new ColumnSpec("i64", ColumnType.INT64, 1, true),
            new ColumnSpec("f16", ColumnType.FLOAT16, 1, true),
            new ColumnSpec("f32", ColumnType.FLOAT32, 1, true),
            new ColumnSpec("f64", ColumnType.FLOAT64, 1, true),
            new ColumnSpec("flag", ColumnType.BOOL, 1, true),
            new ColumnSpec("name", ColumnType.STRING, 1, true),
            new ColumnSpec("blob", ColumnType.BINARY, 5, true),
            new ColumnSpec("emb", ColumnType.LIST, 3, true),
            new ColumnSpec("u8x4", ColumnType.UINT8, 4, true),
            new ColumnSpec("i16x3", ColumnType.INT16, 3, true),
            new ColumnSpec("f16x2", ColumnType.FLOAT16, 2, true),
            new ColumnSpec("f64x2", ColumnType.FLOAT64, 2, true),
            new ColumnSpec("flags", ColumnType.BOOL, 3, true),
            new ColumnSpec("u64x2", ColumnType.UINT64, 2, true));

    static final String SCHEMA = String.join("\n",
            "message dlio {",
            "  required int32 u8 (INTEGER(8,false));",
            "  required int32 u16 (INTEGER(16,false));",
            "  required int32 u32 (INTEGER(32,false));",
            "  required int64 u64 (INTEGER(64,false));",
            "  required int32 i8 (INTEGER(8,true));",
            "  required int32 i16 (INTEGER(16,true));",
            "  required int32 i32;",
            "  required int64 i64;",
            "  required fixed_len_byte_array(2) f16 (FLOAT16);",
            "  required float f32;",
            "  required double f64;",
            "  required boolean flag;",
            "  required binary name (STRING);",
            "  required binary blob;",
            list("emb", "float"),
            list("u8x4", "int32", "(INTEGER(8,false))"),
            list("i16x3", "int32", "(INTEGER(16,true))"),
            list("f16x2", "fixed_len_byte_array(2)", "(FLOAT16)"),
            list("f64x2", "double"),
            list("flags", "boolean"),
            list("u64x2", "int64", "(INTEGER(64,false))"),
            "}", "");

    @TempDir
    Path dir;

    private static String list(String name, String type, String... annotation) {
        return "  required group " + name + " (LIST) {\n    repeated group list {\n      required " + type + " element"
                + (annotation.length == 0 ? "" : " " + annotation[0]) + ";\n    }\n  }";
    }

    private static DatasetConfig dataset(int rowGroupSize, Compression codec) {
        TestDatasets t = TestDatasets.of(FormatType.PARQUET).rowGroupSize(rowGroupSize).compression(codec);
        COLUMNS.forEach(t::column);
        return t.build();
    }

    /** The bytes a reader must return for row after row of column {@code index}. */
    static final class ExpectedColumn {
        private final ColumnSpec spec;
        private final SeededContent content;

        ExpectedColumn(FileSpec file, int index) {
            this.spec = COLUMNS.get(index);
            this.content = new SeededContent(GeneratedColumn.seed(file.seed(), index));
        }

        byte[] next() {
            switch (spec.dtype()) {
                case STRING:
                    return ("s_" + (content.nextLong() >>> 33)).getBytes(StandardCharsets.UTF_8);
                case BINARY: {
                    byte[] b = new byte[spec.size()];
                    content.fill(b, 0, b.length, ElementType.UINT8);
                    return b;
                }
                default: {
                    var type = FixedWidthColumn.elementTypeOf(spec.dtype());
                    byte[] b = new byte[spec.size() * type.size()];
                    content.fill(b, 0, b.length, type);
                    return b;
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 100})
    void everyDtypeComesBackAsTheSeededBytesWhateverTheRowGroupSize(int rowGroupSize) throws Exception {
        FileSpec spec = ParquetTestSupport.spec(List.of(), 10, 77);
        Path file = ParquetTestSupport.write(dataset(rowGroupSize, Compression.SNAPPY), spec, dir.resolve("f.parquet"));

        CollectingSink sink = ParquetTestSupport.readAll(file);

        for (int c = 0; c < COLUMNS.size(); c++) {
            ExpectedColumn expected = new ExpectedColumn(spec, c);
            for (int row = 0; row < 10; row++) {
                assertThat(sink.value(row, c)).as("column %s row %d", COLUMNS.get(c).name(), row)
                        .isEqualTo(expected.next());
            }
        }
    }

    @Test
    void valuesAreInTheirTypesRange() throws Exception {
        FileSpec spec = ParquetTestSupport.spec(List.of(), 200, 5);
        Path file = ParquetTestSupport.write(dataset(64, Compression.NONE), spec, dir.resolve("f.parquet"));
        CollectingSink sink = ParquetTestSupport.readAll(file);
        int f32 = COLUMNS.indexOf(COLUMNS.stream().filter(c -> c.name().equals("f32")).findFirst().orElseThrow());
        int i8 = 4;
        int flag = 11;
        int name = 12;
        boolean negativeI8 = false;
        for (int row = 0; row < 200; row++) {
            float f = ByteBuffer.wrap(sink.value(row, f32)).order(ByteOrder.LITTLE_ENDIAN).getFloat();
            assertThat(f).isGreaterThanOrEqualTo(0f).isLessThan(1f);
            assertThat(sink.value(row, flag)[0]).isIn((byte) 0, (byte) 1);
            assertThat(new String(sink.value(row, name), StandardCharsets.UTF_8)).matches("s_[0-9]{1,10}");
            negativeI8 |= sink.value(row, i8)[0] < 0;
        }
        assertThat(negativeI8).as("int8 covers its negative range").isTrue();
    }

    @Test
    void schemaUsesTheForksTypesWithLogicalAnnotations() throws Exception {
        Path file = ParquetTestSupport.write(dataset(4, Compression.NONE), ParquetTestSupport.spec(List.of(), 3, 1),
                dir.resolve("f.parquet"));
        try (SampleFile f = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults()).open(file)) {
            ParquetMetadata footer = ((ParquetSampleFile) f).layout().footer();
            assertThat(footer.getFileMetaData().getSchema().toString()).isEqualTo(SCHEMA);
            assertThat(footer.getFileMetaData().getKeyValueMetaData()).containsEntry("dlio.generator", "dlio-parquet");
            assertThat(f.columns()).containsExactlyElementsOf(COLUMNS.stream().map(ColumnSpec::name).toList());
        }
    }

    /** Bytes of the column chunks of {@code columns} (all when empty) over all row groups. */
    private static long chunkBytes(ParquetMetadata footer, List<String> columns) {
        long sum = 0;
        for (BlockMetaData b : footer.getBlocks()) {
            sum += b.getColumns().stream()
                    .filter(c -> columns.isEmpty() || columns.contains(c.getPath().toArray()[0]))
                    .mapToLong(c -> c.getTotalSize()).sum();
        }
        return sum;
    }

    @Test
    void projectionReadsOnlyTheNamedColumnChunks() throws Exception {
        FileSpec spec = ParquetTestSupport.spec(List.of(), 50, 8);
        Path file = ParquetTestSupport.write(dataset(20, Compression.NONE), spec, dir.resolve("f.parquet"));
        List<String> projected = List.of("name", "i8");

        long allData;
        ParquetMetadata footer;
        try (SampleFile f = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults()).open(file)) {
            footer = ((ParquetSampleFile) f).layout().footer();
            long opened = f.bytesRead();
            f.read(0, 50, SampleSink.discard());
            allData = f.bytesRead() - opened;
        }
        assertThat(allData).isEqualTo(chunkBytes(footer, List.of()));

        CollectingSink sink = new CollectingSink();
        try (SampleFile f = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults().withColumns(projected))
                .open(file)) {
            assertThat(f.columns()).containsExactly("name", "i8");
            long opened = f.bytesRead();
            f.read(0, 50, sink);
            long projectedData = f.bytesRead() - opened;
            assertThat(projectedData).isEqualTo(chunkBytes(footer, projected)).isLessThan(allData / 4);
        }
        ExpectedColumn name = new ExpectedColumn(spec, 12);
        ExpectedColumn i8 = new ExpectedColumn(spec, 4);
        for (int row = 0; row < 50; row++) {
            assertThat(sink.value(row, 0)).isEqualTo(name.next());
            assertThat(sink.value(row, 1)).isEqualTo(i8.next());
        }
    }
}
