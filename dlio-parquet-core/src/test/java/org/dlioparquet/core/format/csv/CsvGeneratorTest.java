package org.dlioparquet.core.format.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.dlioparquet.core.DlioException;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.spi.ProblemReporter;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The text we write is what pandas' to_csv(index=False, header=False) writes for the same values. */
class CsvGeneratorTest {
    /** Python's repr of a float: no Java-only forms such as {@code 1.0E-5}. */
    private static final Pattern PYTHON_FLOAT = Pattern.compile("-?(\\d+\\.\\d+|\\d(\\.\\d+)?e[-+]\\d{2,3})");

    @TempDir
    Path dir;

    @Test
    void uint8LinesAreTheSamplesInDecimalWithoutHeaderOrIndex() throws IOException {
        FileSpec spec = CsvTesting.spec("img_0_of_1", List.of(32, 32), 4, 11);
        List<String> lines = writeLines(ElementType.UINT8, spec);
        assertThat(lines).hasSize(4);
        for (int k = 0; k < 4; k++) {
            byte[] expected = CsvTesting.expectedSample(spec, k, ElementType.UINT8);
            String[] values = lines.get(k).split(",", -1);
            assertThat(values).hasSize(1024);
            for (int i = 0; i < values.length; i++) {
                assertThat(values[i]).isEqualTo(Integer.toString(expected[i] & 0xFF));
            }
        }
        assertThat(lines.get(0)).isNotEqualTo(lines.get(1)); // unlike DLIO, every row is its own sample
    }

    @Test
    void everyLineEndsWithNewlineIncludingTheLast() throws IOException {
        FileSpec spec = CsvTesting.spec("img", List.of(3), 2, 1);
        Path file = CsvTesting.write(dir, dataset(ElementType.UINT8, Compression.NONE), spec);
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        assertThat(text).endsWith("\n").doesNotContain("\r").doesNotEndWith("\n\n");
        assertThat(text.chars().filter(c -> c == '\n').count()).isEqualTo(2);
        assertThat(text).matches("(\\d{1,3},\\d{1,3},\\d{1,3}\\n){2}");
    }

    @ParameterizedTest
    @CsvSource({"INT8", "INT16", "UINT16", "INT32", "UINT32", "INT64", "UINT64", "BOOL"})
    void integerAndBoolTextIsWhatPandasPrints(ElementType type) throws IOException {
        FileSpec spec = CsvTesting.spec("img", List.of(4, 16), 2, 3);
        List<String> lines = writeLines(type, spec);
        for (int k = 0; k < 2; k++) {
            assertThat(lines.get(k).split(",", -1))
                    .containsExactly(pandasText(type, CsvTesting.expectedSample(spec, k, type)).toArray(new String[0]));
        }
    }

    @Test
    void unsignedAndNegativeValuesBothOccur() throws IOException {
        // the seeded bits cover the whole range: uint64 above 2^63 prints unsigned, int64 prints signed
        FileSpec spec = CsvTesting.spec("img", List.of(64), 1, 3);
        assertThat(writeLines(ElementType.UINT64, spec).get(0)).doesNotContain("-").matches(".*\\d{20}.*");
        assertThat(writeLines(ElementType.INT64, spec).get(0)).contains("-");
    }

    @ParameterizedTest
    @CsvSource({"FLOAT16", "FLOAT32", "FLOAT64"})
    void floatsArePythonReprThatReadsBackExactly(ElementType type) throws IOException {
        FileSpec spec = CsvTesting.spec("img", List.of(32, 32), 2, 5);
        List<String> lines = writeLines(type, spec);
        for (int k = 0; k < 2; k++) {
            ByteBuffer expected = ByteBuffer.wrap(CsvTesting.expectedSample(spec, k, type)).order(ByteOrder.LITTLE_ENDIAN);
            for (String value : lines.get(k).split(",", -1)) {
                assertThat(value).matches(PYTHON_FLOAT);
                // float16 prints its exact value as a float32 would: read back as float32 it is that value
                switch (type) {
                    case FLOAT64:
                        assertThat(Double.parseDouble(value)).isEqualTo(expected.getDouble());
                        break;
                    case FLOAT32:
                        assertThat(Float.parseFloat(value)).isEqualTo(expected.getFloat());
                        break;
                    default:
                        assertThat(Float.parseFloat(value)).isEqualTo(Half.toFloat(expected.getShort()));
                        break;
                }
            }
        }
    }

    @Test
    void gzipHeaderIsDeterministicWithoutTimeOrName() throws IOException {
        Path file = CsvTesting.write(dir, dataset(ElementType.UINT8, Compression.GZIP),
                CsvTesting.spec("img", List.of(8), 2, 1));
        byte[] b = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(b, 4)).containsExactly(0x1f, 0x8b, 8, 0); // deflate, no FNAME/FCOMMENT/FEXTRA
        assertThat(Arrays.copyOfRange(b, 4, 8)).containsExactly(0, 0, 0, 0); // mtime 0
    }

    @ParameterizedTest
    @CsvSource({"NONE,csv", "GZIP,csv.gz", "BZ2,csv.bz2", "XZ,csv.xz", "ZSTD,csv.zst"})
    void extensionNamesTheCodecAsPandasInfersIt(Compression compression, String extension) {
        assertThat(CsvTesting.PROVIDER.fileExtension(dataset(ElementType.UINT8, compression))).isEqualTo(extension);
        assertThat(CsvTesting.PROVIDER.readableExtensions()).contains(extension);
    }

    @Test
    void validateRefusesOtherCodecsAndLevels() {
        assertThat(problems(TestDatasets.of(FormatType.CSV).compression(Compression.SNAPPY).build()))
                .containsExactly("dataset.compression: csv supports none, gzip, bz2, xz, zstd; got 'snappy'");
        assertThat(problems(TestDatasets.of(FormatType.CSV).compression(Compression.GZIP).compressionLevel(10).build()))
                .containsExactly("dataset.compression_level: csv gzip takes levels 1..9; got 10");
        assertThat(problems(TestDatasets.of(FormatType.CSV).compression(Compression.ZSTD).compressionLevel(19).build()))
                .isEmpty();
        assertThat(problems(TestDatasets.of(FormatType.CSV).compressionLevel(99).build())).isEmpty(); // none: no level
        assertThat(problems(TestDatasets.of(FormatType.CSV).recordLength(0.5).build()))
                .singleElement().asString().startsWith("dataset.record_length_bytes: csv needs at least one value per line");
        DatasetConfig lzf = TestDatasets.of(FormatType.CSV).compression(Compression.LZF).build();
        assertThatThrownBy(() -> CsvTesting.PROVIDER.newGenerator(lzf)).isInstanceOf(DlioException.class)
                .hasMessageContaining("csv supports none, gzip, bz2, xz, zstd; got 'lzf'");
    }

    @Test
    void registeredAsTheCsvProvider() {
        FormatRegistry registry = FormatRegistry.loadDefault();
        assertThat(registry.provider(FormatType.CSV)).isInstanceOf(CsvFormatProvider.class);
        assertThat(registry.forFileName("img_3_of_8.csv.zst")).containsInstanceOf(CsvFormatProvider.class);
    }

    private List<String> writeLines(ElementType type, FileSpec spec) throws IOException {
        Path sub = Files.createTempDirectory(dir, type.numpyName());
        Path file = CsvTesting.write(sub, dataset(type, Compression.NONE), spec);
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        assertThat(text).endsWith("\n");
        return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }

    /** The reference text, built with the JDK's own integer printing. */
    private static List<String> pandasText(ElementType type, byte[] sample) {
        ByteBuffer b = ByteBuffer.wrap(sample).order(ByteOrder.LITTLE_ENDIAN);
        Function<ByteBuffer, String> next;
        switch (type) {
            case BOOL: next = x -> x.get() != 0 ? "True" : "False"; break;
            case INT8: next = x -> Byte.toString(x.get()); break;
            case INT16: next = x -> Short.toString(x.getShort()); break;
            case UINT16: next = x -> Integer.toString(Short.toUnsignedInt(x.getShort())); break;
            case INT32: next = x -> Integer.toString(x.getInt()); break;
            case UINT32: next = x -> Integer.toUnsignedString(x.getInt()); break;
            case INT64: next = x -> Long.toString(x.getLong()); break;
            case UINT64: next = x -> Long.toUnsignedString(x.getLong()); break;
            default: throw new IllegalArgumentException(type.name());
        }
        List<String> values = new ArrayList<>();
        while (b.hasRemaining()) {
            values.add(next.apply(b));
        }
        return values;
    }

    private static List<String> problems(DatasetConfig dataset) {
        List<String> found = new ArrayList<>();
        CsvTesting.PROVIDER.validate(dataset, new ProblemReporter() {
            @Override
            public void error(String key, String message) {
                found.add(key + ": " + message);
            }

            @Override
            public void warning(String key, String message) {
                found.add("warning " + key + ": " + message);
            }
        });
        return found;
    }

    private static DatasetConfig dataset(ElementType type, Compression compression) {
        return TestDatasets.of(FormatType.CSV).elementType(type).compression(compression).build();
    }
}
