package org.dlioparquet.core.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.ColumnSpec;
import org.dlioparquet.core.config.ColumnType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.config.ParquetConfig;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.spi.ProblemReporter;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParquetValidationTest {

    /** Problems as "key: message". */
    static List<String> problems(DatasetConfig dataset) {
        List<String> out = new ArrayList<>();
        new ParquetFormatProvider().validate(dataset, new ProblemReporter() {
            @Override
            public void error(String key, String message) {
                out.add(key + ": " + message);
            }

            @Override
            public void warning(String key, String message) {
                out.add("warning " + key + ": " + message);
            }
        });
        return out;
    }

    private static TestDatasets parquet() {
        return TestDatasets.of(FormatType.PARQUET);
    }

    @Test
    void theProviderIsRegisteredForParquet() {
        FormatRegistry registry = FormatRegistry.loadDefault();
        assertThat(registry.provider(FormatType.PARQUET)).isInstanceOf(ParquetFormatProvider.class);
        assertThat(registry.forFileName("img_1_of_8.parquet")).containsInstanceOf(ParquetFormatProvider.class);
        assertThat(new ParquetFormatProvider().fileExtension(parquet().build())).isEqualTo("parquet");
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"NONE", "SNAPPY", "GZIP", "ZSTD", "LZ4", "LZ4_RAW"})
    void parquetCodecsAreAccepted(Compression codec) {
        assertThat(problems(parquet().compression(codec).compressionLevel(4).build())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"BZ2", "XZ", "ZIP", "LZF", "BROTLI"})
    void otherCodecsAreRefusedWithTheSupportedList(Compression codec) {
        assertThat(problems(parquet().compression(codec).build())).containsExactly(
                "dataset.compression: parquet supports none, snappy, gzip, zstd, lz4, lz4_raw; got '" + codec + "'");
    }

    @Test
    void levelsOutsideTheCodecsRangeAreRefused() {
        assertThat(problems(parquet().compression(Compression.GZIP).compressionLevel(10).build()))
                .containsExactly("dataset.compression_level: gzip levels are 0..9; got 10");
        assertThat(problems(parquet().compression(Compression.ZSTD).compressionLevel(23).build()))
                .singleElement().asString().startsWith("dataset.compression_level: zstd levels are ");
        // snappy has no level: any value is ignored
        assertThat(problems(parquet().compression(Compression.SNAPPY).compressionLevel(99).build())).isEmpty();
    }

    @Test
    void rowGroupSizeMustBePositive() {
        assertThat(problems(parquet().rowGroupSize(0).build()))
                .containsExactly("dataset.parquet.row_group_size: must be at least 1; got 0");
    }

    @Test
    void aColumnChunkOfTwoGibibytesIsRefusedWithTheLargestRowGroupThatFits() {
        // 1 MiB samples: 2048 rows make a 2 GiB chunk; the row group is min(row_group_size, samples per file)
        DatasetConfig tooBig = parquet().recordLength(1 << 20).samplesPerFile(4096).rowGroupSize(2048).build();
        assertThat(problems(tooBig)).containsExactly("dataset.parquet.row_group_size: a row group of 2048 rows puts "
                + "2048 x 1048580 = 2147491840 bytes into column 'data', but parquet-java cannot buffer a column "
                + "chunk of 2 GiB (2147483648 bytes) or more; use row_group_size <= 2047");
        assertThat(problems(parquet().recordLength(1 << 20).samplesPerFile(4096).rowGroupSize(2047).build()))
                .isEmpty();
        assertThat(problems(parquet().recordLength(1 << 20).samplesPerFile(100).rowGroupSize(1_000_000).build()))
                .as("a file of 100 samples never makes a larger row group").isEmpty();
    }

    @Test
    void aSampleOfTwoGibibytesIsRefused() {
        assertThat(problems(parquet().recordDims(65536, 32768).samplesPerFile(1).build())).containsExactly(
                "dataset.record_dims: a Parquet sample must be smaller than 2 GiB (at most 2147483639 bytes); "
                        + "got 2147483648 bytes");
    }

    @Test
    void columnNamesMustBeUniqueAndNotEmptyAndSizesPositive() {
        DatasetConfig dataset = parquet()
                .column(ColumnSpec.of("a", ColumnType.INT32))
                .column(ColumnSpec.of("a", ColumnType.FLOAT32))
                .column(ColumnSpec.of(" ", ColumnType.BOOL))
                .column(new ColumnSpec("v", ColumnType.LIST, 0, true))
                .build();
        assertThat(problems(dataset)).containsExactly(
                "dataset.parquet.columns[1].name: column name 'a' appears more than once",
                "dataset.parquet.columns[2].name: column 2 has an empty name",
                "dataset.parquet.columns[3].size: column 'v': size must be at least 1; got 0");
    }

    @Test
    void wideColumnsCountTowardsTheChunkLimit() {
        DatasetConfig dataset = parquet().samplesPerFile(10_000).rowGroupSize(10_000)
                .column(new ColumnSpec("emb", ColumnType.FLOAT64, 32_768, true))
                .column(new ColumnSpec("tiny", ColumnType.INT8, 1, true))
                .build();
        assertThat(problems(dataset)).singleElement().asString()
                .startsWith("dataset.parquet.row_group_size: a row group of 10000 rows puts 10000 x 262144 = ")
                .contains("column 'emb'").endsWith("use row_group_size <= 8191");
    }

    @Test
    void partitioningIsNotSupported() {
        DatasetConfig base = parquet().build();
        DatasetConfig partitioned = new DatasetConfig(base.format(), base.dataFolder(), base.numFilesTrain(),
                base.numFilesEval(), base.numSamplesPerFile(), base.recordLengthBytes(), base.recordLengthBytesStdev(),
                0, base.recordDims(), base.recordElementType(), 0, 0, "img", base.compression(),
                base.compressionLevel(), true, new ParquetConfig(List.of(), 16, 0, "row_group", List.of("label")),
                1, 1);
        assertThat(problems(partitioned)).containsExactly(
                "dataset.parquet.partition_by: partitioned Parquet datasets are not supported; got [label]");
    }
}
