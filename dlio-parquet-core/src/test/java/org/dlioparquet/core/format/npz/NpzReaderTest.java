package org.dlioparquet.core.format.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.arrayBytes;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.read;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.sha256;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.unsignedSum;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.assertj.core.data.Percentage;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.format.npy.ArrayTestSupport;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading NPZ files that numpy and DLIO wrote, and refusing broken ones; the small fixtures both
 * read whole on opening (the default I/O buffer holds them) and through reads of the file as it
 * is needed (an I/O buffer of a tenth of them).
 */
class NpzReaderTest {
    private final FormatReader reader = new NpzFormatProvider().newReader(ReaderSettings.defaults());
    private final FormatReader piecewise = new NpzFormatProvider().newReader(new ReaderSettings(ElementType.UINT8,
            List.of(), false, 1024, ReaderSettings.DEFAULT_MAX_VALUE_BYTES));

    private FormatReader reader(boolean whole) {
        return whole ? reader : piecewise;
    }

    @ParameterizedTest(name = "{0}, read whole: {1}")
    @CsvSource({"npz/dlio_savez_uint8.npz,true", "npz/dlio_savez_compressed_uint8.npz,true",
        "npz/dlio_savez_uint8.npz,false", "npz/dlio_savez_compressed_uint8.npz,false"})
    void readsNumpysUint8ArchivesStoredAndDeflated(String name, boolean whole) throws IOException {
        JsonNode x = Fixtures.expectations().get(name).get("x");
        Path file = Fixtures.file("interop/" + name);
        try (SampleFile f = reader(whole).open(file)) {
            if (whole) {
                assertThat(f.bytesRead()).as("the whole file, once, on opening").isEqualTo(Files.size(file));
                assertThat(f.retainedBytes()).as("and held while open").isGreaterThanOrEqualTo(Files.size(file));
            }
            assertThat(f.sampleCount()).isEqualTo(3);
            assertThat(f.columns()).containsExactly("x");
            byte[] bytes = arrayBytes(f, 1);
            assertThat(bytes).hasSize(x.get("count").asInt());
            assertThat(unsignedSum(bytes)).isEqualTo(x.get("sum").asLong());
            for (int i = 0; i < 4; i++) {
                assertThat(bytes[i] & 0xFF).isEqualTo(x.get("first4").get(i).asInt());
            }
            assertThat(bytes[bytes.length - 1] & 0xFF).isEqualTo(x.get("last").asInt());
            assertThat(sha256(bytes)).isEqualTo(x.get("sha256_of_C_order_bytes").asText());
            assertThat(f.bytesRead()).as("nothing read twice").isLessThanOrEqualTo(Files.size(file));
        }
    }

    @ParameterizedTest(name = "read whole: {0}")
    @ValueSource(booleans = {true, false})
    void readsNumpysFloat32Archive(boolean whole) throws IOException {
        JsonNode x = Fixtures.expectations().get("npz/dlio_savez_float32.npz").get("x");
        try (SampleFile f = reader(whole).open(Fixtures.file("interop/npz/dlio_savez_float32.npz"))) {
            assertThat(((NpzSampleFile) f).header().type()).isEqualTo(ElementType.FLOAT32);
            byte[] bytes = arrayBytes(f, 4);
            float[] values = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            double sum = 0;
            for (float v : values) {
                sum += v;
            }
            assertThat(sum).isCloseTo(x.get("sum_float64").asDouble(), Percentage.withPercentage(1e-7));
            for (int i = 0; i < 4; i++) {
                assertThat((double) values[i]).isEqualTo(x.get("first4").get(i).asDouble());
            }
            assertThat((double) values[values.length - 1]).isEqualTo(x.get("last").asDouble());
            assertThat(sha256(bytes)).isEqualTo(x.get("sha256_of_C_order_bytes").asText());
        }
    }

    @ParameterizedTest(name = "read whole: {0}")
    @ValueSource(booleans = {true, false})
    void readsWhatUpstreamDlioGenerated(boolean whole) throws IOException {
        for (String name : List.of("img_0_of_2.npz", "img_1_of_2.npz")) {
            Path p = Fixtures.file("dlio/up_npz_tiny/train/" + name);
            byte[][] expected = samplesDecodedByHand(p);
            try (SampleFile f = reader(whole).open(p)) {
                assertThat(((NpzSampleFile) f).header().shape()).containsExactly(64L, 64L, 2L);
                assertThat(((NpzSampleFile) f).header().type()).isEqualTo(ElementType.UINT8);
                assertThat(f.sampleCount()).isEqualTo(2);
                ArrayTestSupport.Collector c = read(f, 0, 2);
                for (int k = 0; k < 2; k++) {
                    byte[] s = c.sample(k);
                    assertThat(s).hasSize(4096);
                    // uint8(random_float32 * 255) never reaches 255
                    for (byte b : s) {
                        assertThat(b & 0xFF).isLessThanOrEqualTo(254);
                    }
                    assertThat(s).as("%s sample %d", name, k).isEqualTo(expected[k]);
                }
                assertThat(f.bytesRead()).as("nothing read twice").isGreaterThanOrEqualTo(8320)
                        .isLessThanOrEqualTo(Files.size(p));
            }
        }
    }

    /**
     * Samples of a (64, 64, 2) uint8 x.npy, decoded without our reader: the member's bytes from
     * commons-compress, the data after the version 1.0 header, sample k = x[..., k].
     */
    private static byte[][] samplesDecodedByHand(Path npz) throws IOException {
        byte[] x;
        try (ZipFile zip = ZipFile.builder().setPath(npz).get();
             InputStream in = zip.getInputStream(zip.getEntry("x.npy"))) {
            x = in.readAllBytes();
        }
        assertThat(x[6]).as("npy format version 1.0").isEqualTo((byte) 1);
        int dataOffset = 10 + ((x[8] & 0xFF) | (x[9] & 0xFF) << 8);
        assertThat(x.length - dataOffset).isEqualTo(64 * 64 * 2);
        byte[][] samples = new byte[2][64 * 64];
        for (int e = 0; e < 64 * 64; e++) {
            for (int k = 0; k < 2; k++) {
                samples[k][e] = x[dataOffset + e * 2 + k];
            }
        }
        return samples;
    }

    @Test
    void decodesFortranOrderXToTheSameValuesAsTheCOrderSource() throws IOException {
        byte[] cOrder;
        try (SampleFile f = reader.open(Fixtures.file("interop/npz/dlio_savez_uint8.npz"))) {
            cOrder = arrayBytes(f, 1);
        }
        ReaderSettings small = ReaderSettings.defaults();
        small = new ReaderSettings(small.elementType(), List.of(), false, 100, small.maxValueBytes());
        try (SampleFile f = new NpzFormatProvider().newReader(small).open(Fixtures.file("bad/npz_x_fortran_order.npz"))) {
            assertThat(((NpzSampleFile) f).header().fortranOrder()).isTrue();
            ArrayTestSupport.Collector c = read(f, 0, 3);
            assertThat(c.largestPiece).isLessThanOrEqualTo(100);
            byte[] x = arrayBytes(f, 1);
            assertThat(x).isEqualTo(cOrder);
            assertThat(unsignedSum(x)).isEqualTo(1558729);
            assertThat(x[1] & 0xFF).isEqualTo(30);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "empty.npz|empty file (0 bytes), not a valid npz archive",
        "npz_trunc_50pct.npz|truncated zip archive: it starts with a local file header but the end of central directory record is missing (file is 6401 bytes)",
        "npz_trunc_before_central_dir.npz|truncated zip archive: it starts with a local file header but the end of central directory record is missing (file is 12678 bytes)",
        "npz_bad_central_dir_signature.npz|corrupt zip: bad central directory signature at offset 12678: expected 50 4b 01 02, found 50 58 01 02",
        "npz_bad_central_dir_offset.npz|corrupt zip: central directory offset 16777200 (from the end record at offset 12780) is beyond the end of the file (12802 bytes)",
        "npz_missing_x.npz|key 'x' not found (members: y.npy)",
        "npz_x_shape_too_big.npz|x.npy: header shape (64, 64, 4) needs 16384 bytes, only 12288 present",
    })
    void refusesBrokenArchivesWithOneLineSayingWhatIsWrong(String name, String reason) {
        Path p = Fixtures.file("bad/" + name);
        for (boolean whole : new boolean[] {true, false}) {
            assertThatThrownBy(() -> reader(whole).open(p))
                    .as("read whole: %s", whole)
                    .isInstanceOf(DataFileException.class)
                    .hasMessage(p + ": " + reason)
                    .satisfies(e -> assertThat(((DataFileException) e).file()).isEqualTo(p));
        }
    }

    @Test
    void refusesABareNpyGivenAsNpz() {
        Path p = Fixtures.file("interop/npz/dlio_x_uint8.npy");
        assertThatThrownBy(() -> reader.open(p))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("not a zip archive: no end of central directory record");
    }

    @ParameterizedTest(name = "read whole: {0}")
    @ValueSource(booleans = {true, false})
    void checksTheCrcOfADeflatedMemberWhenDecodingReachesItsEnd(boolean whole, @TempDir Path dir) throws IOException {
        byte[] npz = Files.readAllBytes(Fixtures.file("interop/npz/dlio_savez_compressed_uint8.npz"));
        int central = indexOf(npz, new byte[]{'P', 'K', 1, 2});
        npz[14] ^= 1; // x.npy CRC in the local header
        npz[central + 16] ^= 1; // and in the central directory, which is what readers trust
        Path p = dir.resolve("crc.npz");
        Files.write(p, npz);
        try (SampleFile f = reader(whole).open(p)) {
            assertThatThrownBy(() -> read(f, 0, 3))
                    .isInstanceOf(DataFileException.class)
                    .hasMessage(p + ": x.npy: CRC-32 mismatch: decoded data gives 45b689d6, the zip entry says 45b689d7 "
                            + "(corrupt member)");
        }
    }

    @ParameterizedTest(name = "read whole: {0}")
    @ValueSource(booleans = {true, false})
    void aSinkThatCountsSizesStillHasTheDeflatedMemberCheckedAgainstItsCrc(boolean whole, @TempDir Path dir)
            throws IOException {
        byte[] npz = Files.readAllBytes(Fixtures.file("interop/npz/dlio_savez_compressed_uint8.npz"));
        int central = indexOf(npz, new byte[]{'P', 'K', 1, 2});
        npz[central + 16] ^= 1;
        Path p = dir.resolve("crc.npz");
        Files.write(p, npz);
        try (SampleFile f = reader(whole).open(p)) {
            assertThatThrownBy(() -> f.read(0, 1, SampleSink.discard()))
                    .isInstanceOf(DataFileException.class)
                    .hasMessageContaining("x.npy: CRC-32 mismatch");
        }
    }

    @ParameterizedTest(name = "read whole: {0}")
    @ValueSource(booleans = {true, false})
    void reportsDamagedDeflateDataAsAnErrorOfTheMember(boolean whole, @TempDir Path dir) throws IOException {
        byte[] npz = Files.readAllBytes(Fixtures.file("interop/npz/dlio_savez_compressed_uint8.npz"));
        Arrays.fill(npz, 55 + 2000, 55 + 2400, (byte) 0xFF);
        Path p = dir.resolve("damaged.npz");
        Files.write(p, npz);
        try (SampleFile f = reader(whole).open(p)) {
            assertThatThrownBy(() -> read(f, 0, 3))
                    .isInstanceOf(DataFileException.class)
                    .hasMessageStartingWith(p + ": x.npy: ")
                    .hasMessageFindingMatch("corrupt deflate data|CRC-32 mismatch|deflate stream ends|compressed data");
        }
    }

    @Test
    void refusesAMemberWhoseDataOverlapsTheDirectory(@TempDir Path dir) throws IOException {
        byte[] npz = Files.readAllBytes(Fixtures.file("interop/npz/dlio_savez_uint8.npz"));
        int central = indexOf(npz, new byte[]{'P', 'K', 1, 2});
        // x.npy compressed and uncompressed sizes in the central directory: 12416 -> 65000
        ByteBuffer.wrap(npz).order(ByteOrder.LITTLE_ENDIAN).putInt(central + 20, 65000).putInt(central + 24, 65000);
        Path p = dir.resolve("long.npz");
        Files.write(p, npz);
        assertThatThrownBy(() -> reader.open(p))
                .isInstanceOf(DataFileException.class)
                .hasMessage(p + ": corrupt zip archive: data for x.npy overlaps with central directory.");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
