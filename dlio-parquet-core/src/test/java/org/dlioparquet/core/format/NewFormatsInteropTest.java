package org.dlioparquet.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files written by the real libraries the way DLIO's generators call them (TensorFlow's
 * TFRecordWriter, h5py, PIL, numpy; {@code src/test/resources/interop/make_fixtures.py}) read by
 * our readers with the values the writers recorded in {@code expectations.json}.
 */
class NewFormatsInteropTest {
    private static final FormatRegistry FORMATS = FormatRegistry.loadDefault();
    private static JsonNode expect;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException {
        expect = new ObjectMapper().readTree(resource("expectations.json").toFile());
    }

    private static Path resource(String relative) {
        try {
            return Path.of(NewFormatsInteropTest.class.getResource("/interop/" + relative).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every sample of every column, in order: sample-major, then column. */
    private static List<byte[]> samples(FormatType format, Path file, ReaderSettings settings) throws IOException {
        FormatProvider p = FORMATS.provider(format);
        try (SampleFile f = p.newReader(settings).open(file)) {
            List<ByteArrayOutputStream> out = new ArrayList<>();
            int columns = f.columns().size();
            for (int i = 0; i < f.sampleCount() * columns; i++) {
                out.add(new ByteArrayOutputStream());
            }
            f.read(0, f.sampleCount(), (s, c, piece) -> {
                byte[] b = new byte[piece.remaining()];
                piece.duplicate().get(b);
                out.get(s * columns + c).writeBytes(b);
            });
            return out.stream().map(ByteArrayOutputStream::toByteArray).toList();
        }
    }

    private static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> expectedShas(String key) {
        List<String> out = new ArrayList<>();
        expect.get(key).get("sha256").forEach(n -> out.add(n.asText()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"uint8", "float32"})
    void tensorFlowsTfRecordsWithDaliIndexAndWithout(String type) throws IOException {
        String key = "tfrecord/" + type + "/train/img_0_of_1.tfrecord";
        Path file = resource(key);
        List<String> expected = expectedShas(key);

        assertThat(samples(FormatType.TFRECORD, file, ReaderSettings.defaults()).stream().map(
                NewFormatsInteropTest::sha)).containsExactlyElementsOf(expected);
        Path copy = dir.resolve("img.tfrecord"); // no index beside it: the frames are walked
        Files.copy(file, copy);
        assertThat(samples(FormatType.TFRECORD, copy, ReaderSettings.defaults()).stream().map(
                NewFormatsInteropTest::sha)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"contiguous_uint8.hdf5", "gzip_float32.hdf5", "lzf_chunks_uint16.hdf5",
            "two_dsets_uint8.hdf5"})
    void h5pysFilesInDliosLayout(String name) throws IOException {
        JsonNode e = expect.get("hdf5/" + name);
        List<byte[]> got = samples(FormatType.HDF5, resource("hdf5/" + name), ReaderSettings.defaults());
        int datasets = e.get("datasets").asInt();
        assertThat(got).hasSize(e.get("samples").asInt() * datasets);
        List<String> expected = expectedShas("hdf5/" + name);
        for (int k = 0; k < expected.size(); k++) {
            for (int j = 0; j < datasets; j++) {
                assertThat(sha(got.get(k * datasets + j))).as("records_%d[%d]", j, k).isEqualTo(expected.get(k));
            }
        }
    }

    @Test
    void hdf5TwoPointZerosLatestLayoutIsRefusedWithWhatToDo() {
        Path file = resource("hdf5/latest_v5.hdf5");
        assertThatThrownBy(() -> samples(FormatType.HDF5, file, ReaderSettings.defaults()))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ": written with HDF5 2.0's newest format (data layout message version 5, h5py "
                        + "libver='latest'), which jHDF 0.13 cannot read; rewrite it with h5py.File(..., "
                        + "libver=('earliest', 'v114')) or HDF5 <= 1.14, or let dlio-parquet generate the dataset");
    }

    @Test
    void pilsPngReadsAsItsFileAndDecodesToItsPixels() throws IOException {
        JsonNode e = expect.get("image/img_0_of_1.png");
        Path file = resource("image/img_0_of_1.png");
        assertThat(sha(samples(FormatType.PNG, file, ReaderSettings.defaults()).get(0)))
                .isEqualTo(e.get("file_sha256").asText());
        byte[] pixels = samples(FormatType.PNG, file, ReaderSettings.defaults().withColumns(List.of("pixels"))).get(0);
        assertThat(HexFormat.of().formatHex(pixels)).isEqualTo(e.get("pil_pixels_hex").asText())
                .isEqualTo(e.get("source_pixels_hex").asText());
    }

    @Test
    void pilsJpegDecodesToWithinOneLevelOfPilsPixels() throws IOException {
        JsonNode e = expect.get("image/img_0_of_1.jpeg");
        Path file = resource("image/img_0_of_1.jpeg");
        assertThat(sha(samples(FormatType.JPEG, file, ReaderSettings.defaults()).get(0)))
                .isEqualTo(e.get("file_sha256").asText());
        byte[] ours = samples(FormatType.JPEG, file, ReaderSettings.defaults().withColumns(List.of("pixels"))).get(0);
        byte[] pil = HexFormat.of().parseHex(e.get("pil_pixels_hex").asText());
        assertThat(ours).hasSize(12 * 16);
        int worst = 0;
        for (int i = 0; i < pil.length; i++) { // two IDCT implementations may round differently
            worst = Math.max(worst, Math.abs((ours[i] & 0xFF) - (pil[i] & 0xFF)));
        }
        assertThat(worst).isLessThanOrEqualTo(1);
    }

    @Test
    void numpysIndexedBinaryTables() throws IOException {
        String key = "indexed_binary/img_0_of_1.indexed_binary";
        Path file = resource(key);
        for (FormatType f : List.of(FormatType.INDEXED_BINARY, FormatType.MMAP_INDEXED_BINARY)) {
            assertThat(samples(f, file, ReaderSettings.defaults()).stream().map(NewFormatsInteropTest::sha))
                    .as("%s", f).containsExactlyElementsOf(expectedShas(key));
        }
    }
}
