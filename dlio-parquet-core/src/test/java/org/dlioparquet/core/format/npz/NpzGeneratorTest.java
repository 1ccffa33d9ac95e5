package org.dlioparquet.core.format.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.expectedSample;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.generate;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.read;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.spec;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TimeZone;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.format.npy.ArrayTestSupport;
import org.dlioparquet.core.format.npy.NpyHeader;
import org.dlioparquet.core.format.npy.SpareArrays;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.spi.ProblemReporter;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.storage.DirectBufferPool;
import org.dlioparquet.core.testing.Fixtures;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the NPZ generator writes, checked through the ZIP structure and through our reader. */
class NpzGeneratorTest {
    private final NpzFormatProvider provider = new NpzFormatProvider();

    @TempDir
    Path dir;

    private static DatasetConfig npz(ElementType type, Compression compression) {
        return TestDatasets.of(FormatType.NPZ).elementType(type).compression(compression).build();
    }

    @Test
    void writesXThenYStoredWithNumpysTimestampAndDlioSize() throws IOException {
        // the shape of dlio/up_npz_tiny: 2 samples of 64 x 64 uint8 per file
        FileSpec spec = spec("img_0_of_2.npz", List.of(64, 64), 2, 1);
        Path file = generate(provider, npz(ElementType.UINT8, Compression.NONE), spec, dir);

        assertThat(Files.size(file)).isEqualTo(Files.size(Fixtures.file("dlio/up_npz_tiny/train/img_0_of_2.npz")))
                .isEqualTo(8698);
        byte[] bytes = Files.readAllBytes(file);
        // first local header: last-modified time 00:00:00, date 1980-01-01 (DOS 0x0021)
        assertThat(Arrays.copyOfRange(bytes, 10, 14)).containsExactly(0, 0, 0x21, 0);
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntriesInPhysicalOrder());
            assertThat(entries).extracting(ZipArchiveEntry::getName).containsExactly("x.npy", "y.npy");
            long dosEpoch = LocalDateTime.of(1980, 1, 1, 0, 0).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
            for (ZipArchiveEntry e : entries) {
                assertThat(e.getMethod()).isEqualTo(ZipArchiveEntry.STORED);
                assertThat(e.getTime()).isEqualTo(dosEpoch);
                assertThat(e.getGeneralPurposeBit().usesUTF8ForNames()).isFalse();
            }
            assertThat(entries.get(0).getSize()).isEqualTo(128 + 2 * 4096);
            byte[] x = member(zip, entries.get(0));
            assertThat(Arrays.copyOf(x, 128)).isEqualTo(NpyHeader.encode(ElementType.UINT8, List.of(64L, 64L, 2L)));
            byte[] y = member(zip, entries.get(1));
            assertThat(Arrays.copyOf(y, 128)).isEqualTo(NpyHeader.encode(ElementType.INT64, List.of(2L)));
            assertThat(Arrays.copyOfRange(y, 128, y.length)).hasSize(16).containsOnly(0);
        }
    }

    @Test
    void matchesDliosFileSizeForAOneMebibyteSample() throws IOException {
        // reference/dlio.md 4.2 (observed): a 1 MiB sample gives a 1 049 074-byte npz
        Path file = generate(provider, npz(ElementType.UINT8, Compression.NONE),
                spec("one.npz", List.of(1024, 1024), 1, 3), dir);
        assertThat(Files.size(file)).isEqualTo(1_049_074);
    }

    @Test
    void deflatesMembersForZipAndGzipAtTheConfiguredLevel() throws IOException {
        FileSpec spec = spec("c.npz", List.of(64, 64), 3, 4);
        long stored = Files.size(generate(provider, npz(ElementType.BOOL, Compression.NONE), spec,
                Files.createDirectory(dir.resolve("none"))));
        for (Compression c : List.of(Compression.ZIP, Compression.GZIP)) {
            Path file = generate(provider, npz(ElementType.BOOL, c), spec, Files.createDirectory(dir.resolve(c.yamlName())));
            try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
                for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                    assertThat(e.getMethod()).isEqualTo(ZipArchiveEntry.DEFLATED);
                }
            }
            assertThat(Files.size(file)).isLessThan(stored / 2); // bool bytes are 0/1
            assertThat(readAll(file, 3, ReaderSettings.defaults())).isEqualTo(expected(spec, 3, ElementType.BOOL));
        }
        DatasetConfig level0 = TestDatasets.of(FormatType.NPZ).elementType(ElementType.BOOL)
                .compression(Compression.ZIP).compressionLevel(0).build();
        DatasetConfig level9 = TestDatasets.of(FormatType.NPZ).elementType(ElementType.BOOL)
                .compression(Compression.ZIP).compressionLevel(9).build();
        long size0 = Files.size(generate(provider, level0, spec, Files.createDirectory(dir.resolve("l0"))));
        long size9 = Files.size(generate(provider, level9, spec, Files.createDirectory(dir.resolve("l9"))));
        assertThat(size0).isGreaterThan(stored - 100);
        assertThat(size9).isLessThan(size0 / 4);
    }

    @Test
    void roundTripsEveryElementTypeStoredAndDeflated() throws IOException {
        for (Compression c : List.of(Compression.NONE, Compression.ZIP)) {
            for (ElementType t : ElementType.values()) {
                FileSpec spec = spec(t + "_" + c.yamlName() + ".npz", List.of(6, 5), 3, 17);
                Path file = generate(provider, npz(t, c), spec, dir);
                assertThat(readAll(file, 3, ReaderSettings.defaults())).as("%s %s", t, c).isEqualTo(expected(spec, 3, t));
            }
        }
    }

    @Test
    void roundTripsOneToFourDimensionalRecords() throws IOException {
        List<List<Integer>> shapes = List.of(List.of(33), List.of(4, 9), List.of(3, 2, 5), List.of(2, 3, 1, 4));
        for (List<Integer> shape : shapes) {
            for (Compression c : List.of(Compression.NONE, Compression.ZIP)) {
                FileSpec spec = spec("d" + shape.size() + c.yamlName() + ".npz", shape, 5, 23);
                ArrayTestSupport.checkRoundTrip(provider, npz(ElementType.FLOAT16, c), spec, dir,
                        f -> ((NpzSampleFile) f).header());
            }
        }
    }

    @Test
    void sameSpecGivesSameBytesInAnyTimeZoneAndAnotherSeedOtherBytes() throws IOException {
        DatasetConfig ds = npz(ElementType.UINT8, Compression.ZIP);
        byte[] a = Files.readAllBytes(generate(provider, ds, spec("f.npz", List.of(32, 32), 4, 8),
                Files.createDirectory(dir.resolve("a"))));
        TimeZone saved = TimeZone.getDefault();
        byte[] b;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            b = Files.readAllBytes(generate(provider, ds, spec("f.npz", List.of(32, 32), 4, 8),
                    Files.createDirectory(dir.resolve("b"))));
        } finally {
            TimeZone.setDefault(saved);
        }
        byte[] c = Files.readAllBytes(generate(provider, ds, spec("f.npz", List.of(32, 32), 4, 9),
                Files.createDirectory(dir.resolve("c"))));

        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void storedArchivesBuiltInMemoryAreByteForByteWhatCommonsCompressWrites() throws IOException {
        // StoredNpzWriter stands in for ZipArchiveOutputStream on files built in memory: its bytes must be the same
        List<FileSpec> specs = List.of(spec("one.npz", List.of(1024, 1024), 1, 1),
                spec("tiny.npz", List.of(64, 64), 2, 2), spec("odd.npz", List.of(3, 5, 7), 5, 3),
                spec("empty.npz", List.of(0), 4, 4), spec("many.npz", List.of(10), 3000, 6));
        for (ElementType type : List.of(ElementType.UINT8, ElementType.FLOAT32, ElementType.INT64)) {
            NpzFileGenerator generator = new NpzFileGenerator(type, ZipArchiveEntry.STORED, 0);
            for (FileSpec s : specs) {
                MemoryChannel ours = new MemoryChannel();
                generator.write(s, ours);
                MemoryChannel reference = new MemoryChannel();
                generator.writeZip(s, reference);
                assertThat(bytes(ours)).as("%s %s", type, s.fileName()).isEqualTo(bytes(reference));
            }
        }
    }

    private static byte[] bytes(MemoryChannel channel) {
        ByteBuffer contents = channel.contents();
        byte[] b = new byte[contents.remaining()];
        contents.get(b);
        return b;
    }

    @Test
    void aGeneratorReusingItsBufferWritesEachFileAsAFreshOneWould() throws IOException {
        // one writer thread's buffer serves file after file: a small file after a big one holds none of its bytes
        DatasetConfig ds = npz(ElementType.UINT8, Compression.NONE);
        FileGenerator reused = provider.newGenerator(ds);
        List<FileSpec> specs = List.of(spec("big.npz", List.of(512, 600), 1, 3), spec("small.npz", List.of(8, 8), 2, 4),
                spec("mid.npz", List.of(100, 100), 3, 5));
        for (FileSpec s : specs) {
            Path fresh = generate(provider, ds, s, Files.createDirectories(dir.resolve("fresh")));
            Path again = Files.createDirectories(dir.resolve("reused")).resolve(s.fileName());
            try (FileChannel out = FileChannel.open(again, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                reused.write(s, out);
            }
            assertThat(Files.readAllBytes(again)).as(s.fileName()).isEqualTo(Files.readAllBytes(fresh));
        }
    }

    @Test
    void writingAOneMebibyteFileAllocatesFarLessThanTheFile() throws IOException {
        // commons-compress's in-memory channel copied its whole array on every append: about 18 MiB of
        // garbage per 1 MiB file, and the collections it caused were 90% of a generation's time
        DatasetConfig ds = npz(ElementType.UINT8, Compression.NONE);
        FileGenerator generator = provider.newGenerator(ds);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        try (FileChannel out = FileChannel.open(dir.resolve("f.npz"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            long before = 0;
            for (int k = 0; k < 12; k++) {
                if (k == 2) { // after the first files, whose buffers are kept
                    before = threads.getThreadAllocatedBytes(id);
                }
                out.truncate(0).position(0);
                generator.write(spec("f.npz", List.of(1024, 1024), 1, k), out);
            }
            long perFile = (threads.getThreadAllocatedBytes(id) - before) / 10;
            assertThat(perFile).as("bytes allocated per 1 MiB file").isLessThan(512 << 10);
        }
    }

    @Test
    void streamsABigSingleSampleThroughASmallBuffer() throws IOException {
        FileSpec spec = spec("big.npz", List.of(256, 300), 1, 31);
        for (Compression c : List.of(Compression.NONE, Compression.ZIP)) {
            Path file = generate(provider, npz(ElementType.FLOAT32, c), spec, Files.createDirectory(dir.resolve(c.yamlName())));

            long bytesRead = ArrayTestSupport.streamOneSample(provider, file, spec, ElementType.FLOAT32, 4000);

            assertThat(bytesRead).isLessThanOrEqualTo(Files.size(file));
            if (c == Compression.NONE) {
                // the directory's tail, x.npy's local header, then x.npy itself once
                long member = 128 + 256 * 300 * 4;
                assertThat(bytesRead).isEqualTo(PlainZipDirectory.TAIL_BYTES + ZipRecords.LOCAL_SIZE
                        + NpzSampleFile.MEMBER.length() + member);
            }
        }
    }

    @Test
    void oneSampleFilesOpenedOneAfterAnotherReuseTheSameReadBuffers() throws IOException {
        FileSpec spec = spec("one.npz", List.of(64, 64), 1, 53);
        for (Compression c : List.of(Compression.NONE, Compression.ZIP)) {
            Path file = generate(provider, npz(ElementType.FLOAT32, c), spec, Files.createDirectory(dir.resolve(c.yamlName())));
            DirectBufferPool pool = new DirectBufferPool(8);
            InflaterPool inflaters = new InflaterPool(8);
            // the file read whole; a deflated member also needs scratch space and a buffer to inflate into
            int buffersPerFile = c == Compression.NONE ? 1 : 3;
            int inflatersPerFile = c == Compression.NONE ? 0 : 1;
            for (int round = 0; round < 4; round++) {
                try (NpzSampleFile f = NpzSampleFile.open(file, ReaderSettings.defaults(), pool, inflaters)) {
                    assertThat(read(f, 0, 1).sample(0)).isEqualTo(expectedSample(spec, 0, ElementType.FLOAT32));
                    // a stored member read whole gives its buffer back once read; a deflated one inflates from it
                    assertThat(pool.capacities()).as("%s round %d: the open file holds the buffers", c, round)
                            .hasSize(c == Compression.NONE ? 1 : 0);
                    assertThat(inflaters.kept()).as("%s round %d: and the inflater", c, round).isZero();
                }
                assertThat(pool.capacities()).as("%s round %d: given back, not allocated anew", c, round)
                        .hasSize(buffersPerFile);
                assertThat(inflaters.kept()).as("%s round %d: inflater given back", c, round)
                        .isEqualTo(inflatersPerFile);
            }
        }
    }

    @ParameterizedTest(name = "read whole: {0}")
    @ValueSource(booleans = {true, false})
    void aMultiSampleFileIsReadOnceWhateverRangesBatchesAskFor(boolean whole) throws IOException {
        FileSpec spec = spec("once.npz", List.of(40, 40), 8, 47);
        Path file = generate(provider, npz(ElementType.UINT16, Compression.NONE), spec, dir);
        // an I/O buffer of a tenth of the file: too small a file to read whole, the array is still kept
        ReaderSettings settings = whole ? ReaderSettings.defaults()
                : new ReaderSettings(ElementType.UINT8, List.of(), false, (int) Files.size(file) / 10, 1L << 30);
        try (SampleFile f = provider.newReader(settings).open(file)) {
            long afterOpen = f.bytesRead();
            if (whole) {
                assertThat(afterOpen).as("read whole on opening").isEqualTo(Files.size(file));
            }
            assertThat(read(f, 6, 2).sample(7)).isEqualTo(expectedSample(spec, 7, ElementType.UINT16));
            long oneLoad = f.bytesRead() - afterOpen;
            assertThat(oneLoad).isEqualTo(whole ? 0 : 8 * 40 * 40 * 2);
            for (int[] range : new int[][] {{0, 2}, {2, 3}, {1, 1}, {5, 3}}) {
                ArrayTestSupport.Collector c = read(f, range[0], range[1]);
                for (int k = range[0]; k < range[0] + range[1]; k++) {
                    assertThat(c.sample(k)).isEqualTo(expectedSample(spec, k, ElementType.UINT16));
                }
            }
            assertThat(f.bytesRead() - afterOpen).as("later batches come from memory").isEqualTo(oneLoad);
        }
    }

    @Test
    void aSmallOneSampleFileHoldsNoBufferOnceItsSampleIsReadAndReadsItAgainIfAskedAgain() throws IOException {
        FileSpec spec = spec("one.npz", List.of(64, 64), 1, 61);
        Path file = generate(provider, npz(ElementType.FLOAT32, Compression.NONE), spec, dir);
        byte[] expected = expectedSample(spec, 0, ElementType.FLOAT32);
        try (SampleFile f = provider.newReader(ReaderSettings.defaults()).open(file)) {
            assertThat(f.bytesRead()).as("read whole on opening").isEqualTo(Files.size(file));
            assertThat(f.retainedBytes()).isGreaterThanOrEqualTo(Files.size(file));

            assertThat(read(f, 0, 1).sample(0)).isEqualTo(expected);
            assertThat(f.retainedBytes()).as("the buffer went back to the pool").isZero();

            assertThat(read(f, 0, 1).sample(0)).as("read again from the file").isEqualTo(expected);
            assertThat(f.bytesRead()).isEqualTo(Files.size(file) + expected.length);
        }
    }

    @ParameterizedTest(name = "{0}, read whole: {1}")
    @CsvSource({"NONE,true", "NONE,false", "ZIP,true", "ZIP,false"})
    void aSinkThatCountsSizesGetsThemFromOneReadOfTheArrayAndNoTransposedCopy(Compression c, boolean whole)
            throws IOException {
        FileSpec spec = spec("sizes.npz", List.of(64, 64), 8, 59);
        Path file = generate(provider, npz(ElementType.FLOAT32, c), spec, dir);
        long dataBytes = 8 * 64 * 64 * 4;
        ReaderSettings settings = whole ? ReaderSettings.defaults()
                : new ReaderSettings(ElementType.UINT8, List.of(), false, 4096, 1L << 30);
        try (SampleFile f = provider.newReader(settings).open(file)) {
            long afterOpen = f.bytesRead();
            SizeCounter sizes = new SizeCounter(8);
            f.read(0, 3, sizes);
            long oneRead = f.bytesRead();
            f.read(3, 5, sizes);
            f.read(1, 2, sizes);
            assertThat(sizes.bytes).as("every sample's size, counted each time it is read")
                    .containsExactly(16384, 32768, 32768, 16384, 16384, 16384, 16384, 16384);
            assertThat(f.bytesRead()).as("later ranges read nothing").isEqualTo(oneRead)
                    .isLessThanOrEqualTo(Files.size(file));
            if (c == Compression.NONE) {
                assertThat(oneRead - afterOpen).as("the array's data once").isEqualTo(whole ? 0 : dataBytes);
            }
            long held = f.retainedBytes();
            // a reader that looks at the bytes gets them exact, from the transposed array now kept
            ArrayTestSupport.Collector exact = read(f, 0, 8);
            for (int k = 0; k < 8; k++) {
                assertThat(exact.sample(k)).as("sample %d", k).isEqualTo(expectedSample(spec, k, ElementType.FLOAT32));
            }
            assertThat(f.retainedBytes()).as("the transposed array was not made before").isGreaterThanOrEqualTo(
                    held + dataBytes);
        }
    }

    /** A sink that only adds up sizes, per sample. */
    private static final class SizeCounter implements SampleSink {
        final long[] bytes;

        SizeCounter(int samples) {
            bytes = new long[samples];
        }

        @Override
        public void accept(int sample, int column, ByteBuffer piece) {
            bytes[sample] += piece.remaining();
        }

        @Override
        public boolean readsBytes() {
            return false;
        }
    }

    @Test
    void aClosedFilesArrayServesTheNextFileOfItsSizeWithNoneOfItsBytesShowing() throws IOException {
        // 4096-byte samples: each sample's slot is padded, so the reused array has bytes no sample covers
        DatasetConfig ds = npz(ElementType.UINT8, Compression.NONE);
        FileSpec first = spec("a.npz", List.of(64, 64), 8, 11);
        FileSpec second = spec("b.npz", List.of(64, 64), 8, 12);
        FileSpec other = spec("c.npz", List.of(32, 32), 8, 13);
        Path a = generate(provider, ds, first, dir);
        Path b = generate(provider, ds, second, dir);
        Path c = generate(provider, ds, other, dir);
        SpareArrays spares = new SpareArrays(1 << 20);
        DirectBufferPool pool = new DirectBufferPool(4);
        InflaterPool inflaters = new InflaterPool(0);
        try (NpzSampleFile f = NpzSampleFile.open(a, ReaderSettings.defaults(), pool, inflaters, spares)) {
            assertThat(read(f, 0, 8).sample(3)).isEqualTo(expectedSample(first, 3, ElementType.UINT8));
        }
        long kept = spares.bytes();
        assertThat(kept).as("the closed file's array is kept").isGreaterThanOrEqualTo(8 * 64 * 64);
        try (NpzSampleFile f = NpzSampleFile.open(c, ReaderSettings.defaults(), pool, inflaters, spares)) {
            read(f, 0, 8);
            assertThat(spares.bytes()).as("an array of another length is not taken").isEqualTo(kept);
        }
        try (NpzSampleFile f = NpzSampleFile.open(b, ReaderSettings.defaults(), pool, inflaters, spares)) {
            ArrayTestSupport.Collector got = read(f, 0, 8);
            assertThat(spares.bytes()).as("the spare of this length is taken").isLessThan(kept);
            for (int k = 0; k < 8; k++) {
                assertThat(got.sample(k)).as("sample %d", k).isEqualTo(expectedSample(second, k, ElementType.UINT8));
            }
        }
    }

    @Test
    void readsRangesOfAMultiSampleFile() throws IOException {
        FileSpec spec = spec("multi.npz", List.of(40, 40), 8, 41);
        ReaderSettings small = new ReaderSettings(ElementType.UINT8, List.of(), false, 1024, 1L << 30, 0);
        Path stored = generate(provider, npz(ElementType.UINT16, Compression.NONE), spec,
                Files.createDirectory(dir.resolve("stored")));
        try (SampleFile f = provider.newReader(small).open(stored)) {
            long afterOpen = f.bytesRead();
            ArrayTestSupport.Collector got = read(f, 3, 4);
            for (int k = 3; k < 7; k++) {
                assertThat(got.sample(k)).isEqualTo(expectedSample(spec, k, ElementType.UINT16));
            }
            assertThat(got.largestPiece).isLessThanOrEqualTo(1024);
            // one pass over the rows, from sample 3 of the first to sample 6 of the last
            assertThat(f.bytesRead() - afterOpen).isLessThanOrEqualTo(((40 * 40 - 1) * 8L + 4) * 2);
        }
    }

    @Test
    void readsADeflatedFileInOnePassPerCall() throws IOException {
        FileSpec spec = spec("seq.npz", List.of(50, 60), 6, 43);
        Path file = generate(provider, npz(ElementType.INT64, Compression.ZIP), spec, dir);
        long compressedX;
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            compressedX = zip.getEntry("x.npy").getCompressedSize();
        }
        ReaderSettings small = new ReaderSettings(ElementType.UINT8, List.of(), false, 8192, 1L << 30, 0);
        try (SampleFile f = provider.newReader(small).open(file)) {
            long afterOpen = f.bytesRead();
            ArrayTestSupport.Collector all = read(f, 0, 6);
            for (int k = 0; k < 6; k++) {
                assertThat(all.sample(k)).isEqualTo(expectedSample(spec, k, ElementType.INT64));
            }
            // the header was inflated on open; the whole range costs at most one pass over the member
            assertThat(f.bytesRead() - afterOpen).isLessThanOrEqualTo(compressedX);
            // a sample's elements span the whole member, so a later single-sample read starts over
            long before = f.bytesRead();
            assertThat(read(f, 2, 1).sample(2)).isEqualTo(expectedSample(spec, 2, ElementType.INT64));
            assertThat(read(f, 1, 1).sample(1)).isEqualTo(expectedSample(spec, 1, ElementType.INT64));
            assertThat(f.bytesRead() - before).isBetween(compressedX, 2 * compressedX);
        }
    }

    @Test
    void readsOneSampleOfAWideDeflatedArrayBySkippingThroughTheStream() throws IOException {
        // rows of 400 float64 = 3200 bytes, wider than the 2048-byte buffer: the gaps are decoded and dropped
        FileSpec spec = spec("wide.npz", List.of(50), 400, 47);
        Path file = generate(provider, npz(ElementType.FLOAT64, Compression.ZIP), spec, dir);
        long compressedX;
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            compressedX = zip.getEntry("x.npy").getCompressedSize();
        }
        ReaderSettings small = new ReaderSettings(ElementType.UINT8, List.of(), false, 2048, 1L << 30, 0);
        try (SampleFile f = provider.newReader(small).open(file)) {
            long afterOpen = f.bytesRead();
            ArrayTestSupport.Collector last = read(f, 399, 1);
            assertThat(last.sample(399)).isEqualTo(expectedSample(spec, 399, ElementType.FLOAT64));
            assertThat(f.bytesRead() - afterOpen).as("one pass, continuing after the header").isLessThanOrEqualTo(compressedX);
            assertThat(last.largestPiece).isLessThanOrEqualTo(2048);

            long before = f.bytesRead();
            assertThat(read(f, 7, 2).sample(8)).isEqualTo(expectedSample(spec, 8, ElementType.FLOAT64));
            assertThat(f.bytesRead() - before).as("going back costs one more pass").isLessThanOrEqualTo(compressedX);
        }
    }

    @Test
    void writesAndReadsAFileWithoutSamples() throws IOException {
        FileSpec spec = spec("empty.npz", List.of(8, 8), 0, 1);
        Path file = generate(provider, npz(ElementType.UINT8, Compression.NONE), spec, dir);
        try (SampleFile f = provider.newReader(ReaderSettings.defaults()).open(file)) {
            assertThat(f.sampleCount()).isZero();
            assertThat(((NpzSampleFile) f).header().shape()).containsExactly(8L, 8L, 0L);
            f.read(0, 0, (s, c, piece) -> {
                throw new AssertionError("no samples");
            });
        }
    }

    @Test
    void validatesCompressionAndLevel() {
        List<String> errors = new ArrayList<>();
        ProblemReporter problems = new ProblemReporter() {
            @Override
            public void error(String key, String message) {
                errors.add(key + ": " + message);
            }

            @Override
            public void warning(String key, String message) {
                errors.add("warning " + key + ": " + message);
            }
        };
        provider.validate(npz(ElementType.UINT8, Compression.NONE), problems);
        provider.validate(npz(ElementType.UINT8, Compression.ZIP), problems);
        provider.validate(npz(ElementType.UINT8, Compression.GZIP), problems);
        assertThat(errors).isEmpty();

        provider.validate(npz(ElementType.UINT8, Compression.SNAPPY), problems);
        provider.validate(TestDatasets.of(FormatType.NPZ).compression(Compression.ZIP).compressionLevel(12).build(),
                problems);
        assertThat(errors).containsExactly(
                "dataset.compression: npz supports none, zip, gzip (zip and gzip deflate the members); got 'snappy'",
                "dataset.compression_level: deflate levels are 0..9; got 12");
        assertThatThrownBy(() -> provider.newGenerator(npz(ElementType.UINT8, Compression.XZ)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 'xz'");
    }

    @Test
    void bothProvidersAreRegisteredAsServices() {
        FormatRegistry registry = FormatRegistry.loadDefault();
        assertThat(registry.provider(FormatType.NPZ)).isInstanceOf(NpzFormatProvider.class);
        assertThat(registry.forFileName("img_0_of_2.npz")).containsInstanceOf(NpzFormatProvider.class);
        assertThat(registry.forFileName("img_0_of_2.npy")).map(p -> p.format()).contains(FormatType.NPY);
        assertThat(provider.fileExtension(npz(ElementType.UINT8, Compression.ZIP))).isEqualTo("npz");
    }

    private byte[][] readAll(Path file, int n, ReaderSettings settings) throws IOException {
        try (SampleFile f = provider.newReader(settings).open(file)) {
            assertThat(f.sampleCount()).isEqualTo(n);
            ArrayTestSupport.Collector c = read(f, 0, n);
            byte[][] out = new byte[n][];
            for (int k = 0; k < n; k++) {
                out[k] = c.sample(k);
            }
            return out;
        }
    }

    private static byte[][] expected(FileSpec spec, int n, ElementType t) {
        byte[][] out = new byte[n][];
        for (int k = 0; k < n; k++) {
            out[k] = expectedSample(spec, k, t);
        }
        return out;
    }

    private static byte[] member(ZipFile zip, ZipArchiveEntry e) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        }
    }
}
