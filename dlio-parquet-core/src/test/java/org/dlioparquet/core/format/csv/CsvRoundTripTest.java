package org.dlioparquet.core.format.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What the generator writes, the reader returns: exactly the bytes {@code SeededContent} gives each sample. */
class CsvRoundTripTest {
    private static final List<Compression> CODECS =
            List.of(Compression.NONE, Compression.GZIP, Compression.BZ2, Compression.XZ, Compression.ZSTD);

    @TempDir
    Path dir;

    static Stream<Arguments> everyTypeAndCodec() {
        List<Arguments> all = new ArrayList<>();
        for (ElementType type : ElementType.values()) {
            for (Compression c : CODECS) {
                all.add(Arguments.of(type, c));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyTypeAndCodec")
    void everySampleReadsBackExactly(ElementType type, Compression compression) throws IOException {
        DatasetConfig dataset = dataset(type, compression, 10);
        FileSpec spec = CsvTesting.spec("img_0_of_1", List.of(7, 9), 5, 42);
        Path file = CsvTesting.write(dir, dataset, spec);
        assertThat(file.getFileName().toString()).endsWith("." + CsvTesting.PROVIDER.fileExtension(dataset));
        try (SampleFile f = CsvTesting.open(file, type)) {
            assertThat(f.sampleCount()).isEqualTo(5);
            List<byte[]> samples = CsvTesting.readAll(f);
            for (int k = 0; k < 5; k++) {
                assertThat(samples.get(k)).as("sample %d", k).isEqualTo(CsvTesting.expectedSample(spec, k, type));
            }
        }
    }

    static Stream<Arguments> everyCodecHeldOrStreamed() {
        List<Arguments> all = new ArrayList<>();
        for (Compression c : CODECS) {
            all.add(Arguments.of(c, true));
            all.add(Arguments.of(c, false));
        }
        return all.stream();
    }

    /** Settings that hold a file's text in memory (the default) or never do. */
    private static ReaderSettings settings(ElementType type, boolean held) {
        ReaderSettings s = ReaderSettings.defaults().withElementType(type);
        return held ? s : s.withFileCacheBytes(0);
    }

    @ParameterizedTest(name = "{0} held {1}")
    @MethodSource("everyCodecHeldOrStreamed")
    void samplesReadInAnyOrder(Compression compression, boolean held) throws IOException {
        FileSpec spec = CsvTesting.spec("img_1_of_2", List.of(16, 16), 6, 7);
        Path file = CsvTesting.write(dir, dataset(ElementType.INT16, compression, 10), spec);
        try (SampleFile f = CsvTesting.PROVIDER.newReader(settings(ElementType.INT16, held)).open(file)) {
            int[][] ranges = {{4, 1}, {1, 2}, {5, 1}, {0, 1}, {3, 3}};
            for (int[] r : ranges) {
                List<byte[]> got = CsvTesting.read(f, r[0], r[1]);
                for (int k = 0; k < r[1]; k++) {
                    assertThat(got.get(k)).isEqualTo(CsvTesting.expectedSample(spec, r[0] + k, ElementType.INT16));
                }
            }
            assertThatThrownBy(() -> f.read(5, 2, SampleSink.discard())).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> f.read(-1, SampleSink.discard())).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"NONE", "GZIP", "BZ2", "XZ", "ZSTD"})
    void aFileWhoseTextFitsTheFileCacheIsReadOnceWhateverTheOrder(Compression compression) throws IOException {
        FileSpec spec = CsvTesting.spec("img_0_of_1", List.of(32, 32), 8, 3);
        Path file = CsvTesting.write(dir, dataset(ElementType.UINT8, compression, 10), spec);
        try (SampleFile f = CsvTesting.open(file, ElementType.UINT8)) {
            // the open scan read (and decompressed) the file once, keeping the text
            assertThat(f.bytesRead()).isEqualTo(Files.size(file));
            assertThat(f.retainedBytes()).isGreaterThan(8 * 32 * 32L);
            for (int k : new int[] {5, 1, 7, 0, 3, 6, 2, 4, 1}) {
                assertThat(CsvTesting.read(f, k, 1).get(0)).isEqualTo(CsvTesting.expectedSample(spec, k, ElementType.UINT8));
            }
            assertThat(f.bytesRead()).isEqualTo(Files.size(file));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"NONE", "GZIP", "ZSTD"})
    void aTextLargerThanTheFileCacheIsNotKeptAndStillReadsBack(Compression compression) throws IOException {
        FileSpec spec = CsvTesting.spec("img_0_of_1", List.of(32, 32), 8, 3);
        Path file = CsvTesting.write(dir, dataset(ElementType.UINT8, compression, 10), spec);
        // the text is some 30 KB: a 10 000-byte cache is outgrown during the open scan
        ReaderSettings small = ReaderSettings.defaults().withFileCacheBytes(10_000);
        try (SampleFile f = CsvTesting.PROVIDER.newReader(small).open(file)) {
            assertThat(f.bytesRead()).isEqualTo(Files.size(file));
            for (int k : new int[] {6, 2, 7}) {
                assertThat(CsvTesting.read(f, k, 1).get(0)).isEqualTo(CsvTesting.expectedSample(spec, k, ElementType.UINT8));
            }
            assertThat(f.bytesRead()).isGreaterThan(Files.size(file)); // read again for its samples
        }
    }

    @Test
    void compressedReadsStreamForwardAndRestartOnlyForEarlierSamples() throws IOException {
        FileSpec spec = CsvTesting.spec("img_0_of_1", List.of(64, 64), 8, 1);
        Path file = CsvTesting.write(dir, dataset(ElementType.UINT8, Compression.GZIP, 10), spec);
        long size = Files.size(file);
        try (SampleFile f = CsvTesting.PROVIDER.newReader(settings(ElementType.UINT8, false)).open(file)) {
            long afterOpen = f.bytesRead();
            assertThat(afterOpen).isEqualTo(size); // the sniffed bytes, then the scan of the rest
            for (int k = 0; k < 8; k++) {
                f.read(k, SampleSink.discard());
            }
            assertThat(f.bytesRead() - afterOpen).isEqualTo(size - 6); // in order: one pass after the sniffed bytes
            f.read(2, SampleSink.discard());
            assertThat(f.bytesRead() - afterOpen).isGreaterThan(size); // earlier sample: starts over
        }
    }

    @Test
    void plainReadsFetchOnlyTheLinesAsked() throws IOException {
        FileSpec spec = CsvTesting.spec("img_0_of_1", List.of(64, 64), 8, 1);
        Path file = CsvTesting.write(dir, dataset(ElementType.UINT8, Compression.NONE, 10), spec);
        try (SampleFile f = CsvTesting.PROVIDER.newReader(settings(ElementType.UINT8, false)).open(file)) {
            long afterOpen = f.bytesRead();
            assertThat(afterOpen).isEqualTo(Files.size(file));
            f.read(3, SampleSink.discard());
            long line = f.bytesRead() - afterOpen;
            assertThat(line).isBetween(4096L * 2, 4096L * 4 + 1); // one line of 4096 values, not the file
        }
    }

    @Test
    void fileWithMoreLinesThanTheLineIndexHoldsReadsEveryLine() throws IOException {
        FileSpec spec = CsvTesting.spec("many", List.of(3), 37, 4);
        Path file = CsvTesting.write(dir, dataset(ElementType.UINT8, Compression.NONE, 10), spec);
        // an index of 5 entries keeps every 8th line start of 37 lines; reads skip forward from there
        try (SampleFile f = new CsvFormatReader(ReaderSettings.defaults(), 5).open(file)) {
            assertThat(f.sampleCount()).isEqualTo(37);
            for (int k = 36; k >= 0; k--) {
                assertThat(CsvTesting.read(f, k, 1).get(0)).as("sample %d", k)
                        .isEqualTo(CsvTesting.expectedSample(spec, k, ElementType.UINT8));
            }
            List<byte[]> range = CsvTesting.read(f, 7, 25);
            for (int k = 0; k < 25; k++) {
                assertThat(range.get(k)).isEqualTo(CsvTesting.expectedSample(spec, 7 + k, ElementType.UINT8));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ElementType.class, names = {"UINT8", "INT32", "FLOAT64", "FLOAT16"})
    void samplesLargerThanEveryBufferStreamInChunks(ElementType type) throws IOException {
        // 150 x 150 elements: larger than the generator's 16 KiB draw chunk, the reader's 4 KiB
        // buffer (values straddle refills) and for int32/float64 the 64 KiB output piece
        FileSpec spec = CsvTesting.spec("big", List.of(150, 150), 2, 99);
        Path file = CsvTesting.write(dir, dataset(type, Compression.NONE, 10), spec);
        ReaderSettings small = new ReaderSettings(type, List.of(), false, 4096, ReaderSettings.DEFAULT_MAX_VALUE_BYTES);
        try (SampleFile f = CsvTesting.PROVIDER.newReader(small).open(file)) {
            List<byte[]> samples = CsvTesting.readAll(f);
            for (int k = 0; k < 2; k++) {
                assertThat(samples.get(k)).isEqualTo(CsvTesting.expectedSample(spec, k, type));
            }
            int[] pieces = {0};
            f.read(1, (sample, column, piece) -> {
                assertThat(piece.remaining() % type.size()).isZero(); // no element split between pieces
                pieces[0]++;
            });
            assertThat(pieces[0]).isGreaterThan(type.size() >= 4 ? 1 : 0);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"NONE", "GZIP", "BZ2", "XZ", "ZSTD"})
    void sameSpecSameBytesOtherSeedOtherBytes(Compression compression) throws IOException {
        DatasetConfig dataset = dataset(ElementType.FLOAT32, compression, 10);
        Path a = CsvTesting.write(Files.createDirectory(dir.resolve("a")), dataset,
                CsvTesting.spec("f", List.of(8, 8), 3, 5));
        Path b = CsvTesting.write(Files.createDirectory(dir.resolve("b")), dataset, CsvTesting.spec("f", List.of(8, 8), 3, 5));
        Path c = CsvTesting.write(Files.createDirectory(dir.resolve("c")), dataset, CsvTesting.spec("f", List.of(8, 8), 3, 6));
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(c));
    }

    private static DatasetConfig dataset(ElementType type, Compression compression, long seed) {
        // level 1: the smallest codec buffers (xz and bz2 allocate megabytes per stream at higher levels)
        return TestDatasets.of(FormatType.CSV).elementType(type).compression(compression).compressionLevel(1)
                .seed(seed).build();
    }
}
