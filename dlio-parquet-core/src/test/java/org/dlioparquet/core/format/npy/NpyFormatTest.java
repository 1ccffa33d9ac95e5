package org.dlioparquet.core.format.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.arrayBytes;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.expectedSample;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.generate;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.read;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.sha256;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.spec;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.unsignedSum;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.ProblemReporter;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.testing.Fixtures;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyFormatTest {
    private final NpyFormatProvider provider = new NpyFormatProvider();

    @TempDir
    Path dir;

    @Test
    void readsTheArrayNumpySaved() throws IOException {
        try (SampleFile f = provider.newReader(ReaderSettings.defaults()).open(Fixtures.file("interop/npz/dlio_x_uint8.npy"))) {
            assertThat(f.sampleCount()).isEqualTo(3);
            assertThat(f.columns()).containsExactly("array");
            byte[] x = arrayBytes(f, 1);
            assertThat(x).hasSize(64 * 64 * 3);
            assertThat(unsignedSum(x)).isEqualTo(1558729);
            assertThat(Arrays.copyOf(x, 4)).containsExactly(4, 30, (byte) 155, 120);
            assertThat(x[x.length - 1] & 0xFF).isEqualTo(197);
            assertThat(sha256(x)).isEqualTo("3aa7193c51647223a14d38b35d135f6edee1c160fb43d12395cb8e9991eef557");
            assertThat(f.bytesRead()).isEqualTo(12416);
        }
    }

    @Test
    void decodesAFortranOrderArrayToRowMajorSamples() throws IOException {
        // logical value arange(12).reshape(3, 4) as int32: sample k = column k = [k, 4+k, 8+k]
        try (SampleFile f = provider.newReader(ReaderSettings.defaults()).open(Fixtures.file("bad/npy_fortran_order.npy"))) {
            assertThat(f.sampleCount()).isEqualTo(4);
            ArrayTestSupport.Collector c = read(f, 0, 4);
            for (int k = 0; k < 4; k++) {
                assertThat(ints(c.sample(k))).containsExactly(k, 4 + k, 8 + k);
            }
        }
    }

    @Test
    void reportsBrokenFilesInOneLineNamingTheFile() {
        assertOpenFails("bad/empty.npy", "empty file (0 bytes), not a valid .npy array");
        assertOpenFails("bad/npy_complex128.npy", "unsupported dtype '<c16' (supported: bool, signed/unsigned integers");
        assertOpenFails("interop/npz/dlio_savez_uint8.npz", "not an .npy array: expected magic \\x93NUMPY at byte 0, found 50 4b 03 04");
    }

    @Test
    void reportsATruncatedArray() throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.file("interop/npz/dlio_x_uint8.npy"));
        Path cut = dir.resolve("cut.npy");
        Files.write(cut, Arrays.copyOf(whole, 128 + 1000));
        assertThatThrownBy(() -> provider.newReader(ReaderSettings.defaults()).open(cut))
                .isInstanceOf(DataFileException.class)
                .hasMessage(cut + ": header shape (64, 64, 3) needs 12288 bytes, only 1000 present");
        Path header = dir.resolve("header.npy");
        Files.write(header, Arrays.copyOf(whole, 60));
        assertThatThrownBy(() -> provider.newReader(ReaderSettings.defaults()).open(header))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("header length 118 exceeds the 50 bytes left after the 10-byte preamble");
    }

    private void assertOpenFails(String fixture, String reasonPart) {
        Path p = Fixtures.file(fixture);
        assertThatThrownBy(() -> provider.newReader(ReaderSettings.defaults()).open(p))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(p + ": ")
                .hasMessageContaining(reasonPart)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void writesTheNumpyHeaderThenTheInterleavedSamples() throws IOException {
        DatasetConfig ds = TestDatasets.of(FormatType.NPY).build();
        FileSpec spec = spec("img_0_of_1.npy", List.of(64, 64), 3, 42);

        byte[] file = Files.readAllBytes(generate(provider, ds, spec, dir));

        assertThat(Arrays.copyOf(file, 128)).isEqualTo(NpyHeader.encode(ElementType.UINT8, List.of(64L, 64L, 3L)));
        assertThat(file).hasSize(128 + 64 * 64 * 3);
        for (int k = 0; k < 3; k++) {
            byte[] sample = expectedSample(spec, k, ElementType.UINT8);
            for (int e = 0; e < sample.length; e += 997) {
                assertThat(file[128 + e * 3 + k]).as("element %d of sample %d", e, k).isEqualTo(sample[e]);
            }
        }
    }

    @Test
    void roundTripsEveryElementType() throws IOException {
        for (ElementType t : ElementType.values()) {
            DatasetConfig ds = TestDatasets.of(FormatType.NPY).elementType(t).build();
            FileSpec spec = spec("t_" + t + ".npy", List.of(5, 7), 3, 7);
            try (SampleFile f = provider.newReader(ReaderSettings.defaults()).open(generate(provider, ds, spec, dir))) {
                assertThat(((NpySampleFile) f).header().type()).isEqualTo(t);
                ArrayTestSupport.Collector c = read(f, 0, 3);
                for (int k = 0; k < 3; k++) {
                    assertThat(c.sample(k)).as("%s sample %d", t, k).isEqualTo(expectedSample(spec, k, t));
                }
            }
        }
    }

    @Test
    void roundTripsOneToFourDimensionalRecords() throws IOException {
        List<List<Integer>> shapes = List.of(List.of(10), List.of(3, 5), List.of(2, 3, 4), List.of(2, 1, 3, 2));
        for (List<Integer> shape : shapes) {
            DatasetConfig ds = TestDatasets.of(FormatType.NPY).elementType(ElementType.FLOAT32).build();
            ArrayTestSupport.checkRoundTrip(provider, ds, spec("d" + shape.size() + ".npy", shape, 4, 3), dir,
                    f -> ((NpySampleFile) f).header());
        }
    }

    @Test
    void sameSpecGivesSameBytesAndAnotherSeedOtherBytes() throws IOException {
        DatasetConfig ds = TestDatasets.of(FormatType.NPY).build();
        Path a = generate(provider, ds, spec("a.npy", List.of(16, 16), 3, 5), Files.createDirectory(dir.resolve("a")));
        Path b = generate(provider, ds, spec("a.npy", List.of(16, 16), 3, 5), Files.createDirectory(dir.resolve("b")));
        Path c = generate(provider, ds, spec("a.npy", List.of(16, 16), 3, 6), Files.createDirectory(dir.resolve("c")));

        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Arrays.copyOfRange(Files.readAllBytes(c), 128, 128 + 768))
                .isNotEqualTo(Arrays.copyOfRange(Files.readAllBytes(a), 128, 128 + 768));
    }

    @Test
    void streamsABigSingleSampleThroughASmallBuffer() throws IOException {
        DatasetConfig ds = TestDatasets.of(FormatType.NPY).elementType(ElementType.UINT16).build();
        FileSpec spec = spec("big.npy", List.of(300, 301), 1, 9);
        Path file = generate(provider, ds, spec, dir);

        long bytesRead = ArrayTestSupport.streamOneSample(provider, file, spec, ElementType.UINT16, 1000);

        assertThat(bytesRead).isEqualTo(Files.size(file));
    }

    @Test
    void readsARangeOfSamplesInOnePassWithSmallPieces() throws IOException {
        DatasetConfig ds = TestDatasets.of(FormatType.NPY).elementType(ElementType.INT32).build();
        FileSpec spec = spec("range.npy", List.of(20, 30), 9, 11);
        Path file = generate(provider, ds, spec, dir);
        ReaderSettings small = new ReaderSettings(ElementType.UINT8, List.of(), false, 4096, 1L << 30, 0);

        try (SampleFile f = provider.newReader(small).open(file)) {
            long afterOpen = f.bytesRead();
            ArrayTestSupport.Collector c = read(f, 2, 5);
            for (int k = 2; k < 7; k++) {
                assertThat(c.sample(k)).as("sample %d", k).isEqualTo(expectedSample(spec, k, ElementType.INT32));
            }
            // one pass: at most the span from sample 2 of the first row to sample 6 of the last row
            long span = ((20 * 30 - 1) * 9L + 5) * 4;
            assertThat(f.bytesRead() - afterOpen).isLessThanOrEqualTo(span);
            assertThat(c.largestPiece).isLessThanOrEqualTo(4096);
            assertThat(c.order).containsOnly(2, 3, 4, 5, 6);
            assertThatThrownBy(() -> f.read(8, 2, SampleSink.discard()))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void skipsLongGapsWhenReadingOneSampleOfAWideArray() throws IOException {
        DatasetConfig ds = TestDatasets.of(FormatType.NPY).elementType(ElementType.FLOAT64).build();
        FileSpec spec = spec("wide.npy", List.of(50), 400, 13);
        Path file = generate(provider, ds, spec, dir);
        ReaderSettings small = new ReaderSettings(ElementType.UINT8, List.of(), false, 2048, 1L << 30, 0);

        try (SampleFile f = provider.newReader(small).open(file)) {
            long afterOpen = f.bytesRead();
            assertThat(read(f, 399, 1).sample(399)).isEqualTo(expectedSample(spec, 399, ElementType.FLOAT64));
            // rows are 3200 bytes apart, more than the 2048-byte buffer: only the 50 elements are read
            assertThat(f.bytesRead() - afterOpen).isEqualTo(50 * 8);
        }
    }

    @Test
    void gathersManySamplesAtOnceWithEveryPieceSize() throws IOException {
        // 40 samples; buffers from one element to several rows; the array kept whole (transposed on
        // load) or gathered pass by pass, with 2-byte elements and with the 8x8 blocks of uint8
        for (ElementType type : List.of(ElementType.INT16, ElementType.UINT8)) {
            DatasetConfig ds = TestDatasets.of(FormatType.NPY).elementType(type).build();
            FileSpec spec = spec("many_" + type + ".npy", List.of(7, 9), 40, 19);
            Path file = generate(provider, ds, spec, dir);
            for (long cache : new long[]{ReaderSettings.DEFAULT_FILE_CACHE_BYTES, 0}) {
                for (int buffer : new int[]{2, 30, 80, 200, 1 << 20}) {
                    ReaderSettings settings = new ReaderSettings(ElementType.UINT8, List.of(), false, buffer, 1L << 30,
                            cache);
                    try (SampleFile f = provider.newReader(settings).open(file)) {
                        ArrayTestSupport.Collector all = read(f, 0, 40);
                        ArrayTestSupport.Collector some = read(f, 5, 13);
                        for (int k = 0; k < 40; k++) {
                            assertThat(all.sample(k)).as("%s cache %d buffer %d sample %d", type, cache, buffer, k)
                                    .isEqualTo(expectedSample(spec, k, type));
                        }
                        for (int k = 5; k < 18; k++) {
                            assertThat(some.sample(k)).as("%s cache %d buffer %d sample %d", type, cache, buffer, k)
                                    .isEqualTo(expectedSample(spec, k, type));
                        }
                    }
                }
            }
        }
    }

    @Test
    void acceptsOnlyUncompressedDatasets() {
        List<String> errors = new ArrayList<>();
        ProblemReporter problems = new ProblemReporter() {
            @Override
            public void error(String key, String message) {
                errors.add(key + ": " + message);
            }

            @Override
            public void warning(String key, String message) {
                errors.add("warning " + key);
            }
        };
        provider.validate(TestDatasets.of(FormatType.NPY).build(), problems);
        assertThat(errors).isEmpty();
        provider.validate(TestDatasets.of(FormatType.NPY).compression(Compression.GZIP).build(), problems);
        assertThat(errors).singleElement().asString()
                .startsWith("dataset.compression: npy supports none").contains("got 'gzip'");
        assertThat(provider.fileExtension(TestDatasets.of(FormatType.NPY).build())).isEqualTo("npy");
    }

    private static int[] ints(byte[] b) {
        int[] out = new int[b.length / 4];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
        return out;
    }
}
