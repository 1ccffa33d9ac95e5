package org.dlioparquet.core.format.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.testing.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** We read what pandas and upstream DLIO write, with the values the fixture READMEs give. */
class CsvInteropTest {
    private static JsonNode expectations;

    @BeforeAll
    static void loadExpectations() throws IOException {
        expectations = Fixtures.expectations();
    }

    @Test
    void readsPandasUint8Csv() throws IOException {
        JsonNode e = expectations.get("csv/dlio_uint8.csv");
        Path file = Fixtures.file("interop/csv/dlio_uint8.csv");
        try (SampleFile f = CsvTesting.open(file, ElementType.UINT8)) {
            assertThat(f.sampleCount()).isEqualTo(e.get("lines").asInt()).isEqualTo(3);
            assertThat(f.columns()).containsExactly("data");
            List<byte[]> samples = CsvTesting.readAll(f);
            assertUint8Expectations(samples, e);
            // read once: the open scan keeps the text
            assertThat(f.bytesRead()).isEqualTo(Files.size(file));
        }
    }

    @Test
    void readsPandasGzipCsvAsTheSameBytesAsThePlainOne() throws IOException {
        JsonNode e = expectations.get("csv/dlio_uint8.csv.gz");
        Path gz = Fixtures.file("interop/csv/dlio_uint8.csv.gz");
        List<byte[]> plain;
        try (SampleFile f = CsvTesting.open(Fixtures.file("interop/csv/" + e.get("decompressed_equals").asText()
                .substring("csv/".length())), ElementType.UINT8)) {
            plain = CsvTesting.readAll(f);
        }
        try (SampleFile f = CsvTesting.open(gz, ElementType.UINT8)) {
            List<byte[]> samples = CsvTesting.readAll(f);
            assertUint8Expectations(samples, e);
            for (int k = 0; k < samples.size(); k++) {
                assertThat(samples.get(k)).isEqualTo(plain.get(k));
            }
            // decompressed once, on open: the compressed bytes are read once
            assertThat(f.bytesRead()).isEqualTo(Files.size(gz));
        }
    }

    @Test
    void sniffsGzipWrittenUnderAPlainCsvNameAsUpstreamDlioDoes(@TempDir Path dir) throws IOException {
        Path misnamed = dir.resolve("img_0_of_1.csv");
        Files.copy(Fixtures.file("interop/csv/dlio_uint8.csv.gz"), misnamed);
        try (SampleFile f = CsvTesting.open(misnamed, ElementType.UINT8)) {
            assertUint8Expectations(CsvTesting.readAll(f), expectations.get("csv/dlio_uint8.csv.gz"));
        }
    }

    @Test
    void readsPandasFloat32CsvAsFloat32() throws IOException {
        JsonNode e = expectations.get("csv/dlio_float32.csv");
        Path file = Fixtures.file("interop/csv/dlio_float32.csv");
        String[] texts = Files.readString(file, StandardCharsets.US_ASCII).split("\n")[0].split(",");
        try (SampleFile f = CsvTesting.open(file, ElementType.FLOAT32)) {
            assertThat(f.sampleCount()).isEqualTo(e.get("lines").asInt());
            int values = e.get("values_per_line").get(0).asInt();
            double sum = 0;
            for (byte[] sample : CsvTesting.readAll(f)) {
                assertThat(sample).hasSize(values * 4);
                ByteBuffer le = ByteBuffer.wrap(sample).order(ByteOrder.LITTLE_ENDIAN);
                for (int v = 0; v < values; v++) {
                    float x = le.getFloat();
                    // each value is the float32 nearest its text, bit for bit
                    assertThat(Float.floatToRawIntBits(x)).isEqualTo(Float.floatToRawIntBits(Float.parseFloat(texts[v])));
                    sum += x;
                }
            }
            for (int v = 0; v < 4; v++) {
                assertThat(texts[v]).isEqualTo(e.get("first4_text").get(v).asText());
            }
            // the README's sum is over the decimal texts; float32 rounding moves it by < 1e-6
            assertThat(sum).isCloseTo(e.get("sum_float64").asDouble(), within(1e-5));
        }
    }

    @Test
    void readsUpstreamDlioCsvDataset() throws IOException {
        for (String name : List.of("img_0_of_2.csv", "img_1_of_2.csv")) {
            Path file = Fixtures.file("dlio/up_csv_tiny/train/" + name);
            String[] lines = Files.readString(file, StandardCharsets.US_ASCII).split("\n");
            try (SampleFile f = CsvTesting.open(file, ElementType.UINT8)) {
                assertThat(f.sampleCount()).isEqualTo(2).isEqualTo(lines.length);
                List<byte[]> samples = CsvTesting.readAll(f);
                assertThat(samples.get(0)).hasSize(4096).isEqualTo(samples.get(1)); // DLIO repeats one record
                for (byte b : samples.get(0)) {
                    assertThat(b & 0xFF).isLessThanOrEqualTo(254); // uint8(random_float32 * 255)
                }
                // every value is the integer its text says
                for (int k = 0; k < 2; k++) {
                    String[] texts = lines[k].split(",");
                    assertThat(texts).hasSize(4096);
                    for (int v = 0; v < texts.length; v++) {
                        assertThat(samples.get(k)[v] & 0xFF).as("%s line %d value %d", name, k, v)
                                .isEqualTo(Integer.parseInt(texts[v]));
                    }
                }
                // read once: the open scan keeps the text
                assertThat(f.bytesRead()).isEqualTo(Files.size(file));
            }
        }
    }

    private static void assertUint8Expectations(List<byte[]> samples, JsonNode e) {
        int values = e.get("values_per_line").get(0).asInt();
        long sum = 0;
        for (byte[] sample : samples) {
            assertThat(sample).hasSize(values).isEqualTo(samples.get(0)); // all rows identical
            for (byte b : sample) {
                sum += b & 0xFF;
            }
        }
        assertThat(sum).isEqualTo(e.get("sum").asLong());
        for (int v = 0; v < 4; v++) {
            assertThat(samples.get(0)[v] & 0xFF).isEqualTo(Integer.parseInt(e.get("first4_text").get(v).asText()));
        }
    }
}
