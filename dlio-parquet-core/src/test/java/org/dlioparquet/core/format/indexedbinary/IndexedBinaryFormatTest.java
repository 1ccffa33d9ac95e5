package org.dlioparquet.core.format.indexedbinary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.expectedSample;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.format.npy.ArrayTestSupport;
import org.dlioparquet.core.spi.CompanionFile;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The data file and its two uint64 tables, read back with positional reads and through memory maps. */
class IndexedBinaryFormatTest {
    @TempDir
    Path root;

    private static FormatProvider provider(boolean mmap) {
        return mmap ? new MmapIndexedBinaryFormatProvider() : new IndexedBinaryFormatProvider();
    }

    private Path write(FormatProvider p, DatasetConfig ds, FileSpec spec) throws IOException {
        Path file = root.resolve(spec.relativePath());
        Files.createDirectories(file.getParent());
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            p.newGenerator(ds).write(spec, out);
        }
        for (CompanionFile c : p.companions(ds, spec)) {
            try (FileChannel out = FileChannel.open(root.resolve(c.relativePath()), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                c.write(out);
            }
            assertThat(Files.size(root.resolve(c.relativePath()))).isEqualTo(c.size());
        }
        return file;
    }

    private static FileSpec spec(String ext, int samples, int d1, int d2) {
        return new FileSpec("train/img_0_of_1." + ext, Split.TRAIN, 0, 0, List.of(d1, d2), samples, 5);
    }

    /** Samples larger than the write block, ending off a multiple of 8 bytes, keep every byte of their stream. */
    @Test
    void samplesAcrossTheWriteBlockAreTheirSeededBytesBackToBack() throws IOException {
        DatasetConfig floats = TestDatasets.of(FormatType.INDEXED_BINARY).elementType(ElementType.FLOAT32).build();
        Object[][] cases = {{TestDatasets.of(FormatType.INDEXED_BINARY).build(), ElementType.UINT8, 613, 431, "a"},
            {floats, ElementType.FLOAT32, 301, 259, "b"}};
        for (Object[] c : cases) {
            FileSpec spec = new FileSpec("train/" + c[4] + ".indexed_binary", Split.TRAIN, 0, 0,
                    List.of((int) c[2], (int) c[3]), 3, 5);
            ElementType type = (ElementType) c[1];
            assertThat(spec.sampleBytes(type) % 8).isNotZero();
            assertThat(spec.sampleBytes(type)).isGreaterThan(IndexedBinaryGenerator.BLOCK);
            Path file = write(new IndexedBinaryFormatProvider(), (DatasetConfig) c[0], spec);
            ByteBuffer expected = ByteBuffer.allocate((int) (3 * spec.sampleBytes(type)));
            for (int k = 0; k < 3; k++) {
                expected.put(expectedSample(spec, k, type));
            }
            assertThat(Files.readAllBytes(file)).as("%s", type).isEqualTo(expected.array());
        }
    }

    @Test
    void tablesHoldAbsoluteOffsetsAndSizesAsLittleEndianUint64() throws IOException {
        DatasetConfig ds = TestDatasets.of(FormatType.INDEXED_BINARY).build();
        FileSpec spec = spec("indexed_binary", 5, 9, 7); // 63-byte samples: not a multiple of 8
        Path file = write(new IndexedBinaryFormatProvider(), ds, spec);

        assertThat(Files.size(file)).isEqualTo(5 * 63);
        ByteBuffer off = ByteBuffer.wrap(Files.readAllBytes(root.resolve("train/img_0_of_1.indexed_binary.off.idx")))
                .order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer sz = ByteBuffer.wrap(Files.readAllBytes(root.resolve("train/img_0_of_1.indexed_binary.sz.idx")))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < 5; k++) {
            assertThat(off.getLong(8 * k)).isEqualTo(63L * k);
            assertThat(sz.getLong(8 * k)).isEqualTo(63);
        }
        byte[] all = Files.readAllBytes(file);
        for (int k = 0; k < 5; k++) {
            byte[] sample = Arrays.copyOfRange(all, 63 * k, 63 * k + 63);
            assertThat(sample).isEqualTo(expectedSample(spec, k, ElementType.UINT8));
        }
    }

    @ParameterizedTest(name = "mmap={0}")
    @ValueSource(booleans = {false, true})
    void readsSamplesAloneAndTogether(boolean mmap) throws IOException {
        FormatProvider p = provider(mmap);
        DatasetConfig ds = TestDatasets.of(p.format()).elementType(ElementType.FLOAT32).build();
        FileSpec spec = spec(p.format().name(), 6, 5, 5);
        Path file = write(p, ds, spec);

        try (SampleFile f = p.newReader(ReaderSettings.defaults()).open(file)) {
            assertThat(f.sampleCount()).isEqualTo(6);
            assertThat(read(f, 4, 1).sample(4)).isEqualTo(expectedSample(spec, 4, ElementType.FLOAT32));
            assertThat(f.bytesRead()).as("one sample and its table entries, not the file")
                    .isEqualTo(mmap ? 100 + 16 : 100 + 2 * 6 * 8);
            ArrayTestSupport.Collector all = read(f, 0, 6);
            for (int k = 0; k < 6; k++) {
                assertThat(all.sample(k)).isEqualTo(expectedSample(spec, k, ElementType.FLOAT32));
            }
        }
    }

    @Test
    void aSampleLargerThanTheBufferArrivesInPieces() throws IOException {
        FormatProvider p = new IndexedBinaryFormatProvider();
        DatasetConfig ds = TestDatasets.of(p.format()).build();
        FileSpec spec = spec("indexed_binary", 2, 100, 100);
        Path file = write(p, ds, spec);
        ReaderSettings small = new ReaderSettings(ElementType.UINT8, List.of(), false, 4096, 1 << 20);
        try (SampleFile f = p.newReader(small).open(file)) {
            ArrayTestSupport.Collector c = read(f, 0, 2);
            assertThat(c.sample(1)).isEqualTo(expectedSample(spec, 1, ElementType.UINT8));
            assertThat(c.largestPiece).isEqualTo(4096);
        }
    }

    @ParameterizedTest(name = "mmap={0}")
    @ValueSource(booleans = {false, true})
    void missingTablesAndEntriesOutsideTheFileAreDataErrors(boolean mmap) throws IOException {
        FormatProvider p = provider(mmap);
        DatasetConfig ds = TestDatasets.of(p.format()).build();
        Path file = write(p, ds, spec(p.format().name(), 3, 4, 4));
        Path offsets = root.resolve("train/img_0_of_1." + p.format() + ".off.idx");
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(offsets)).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(16, 40);
        Files.write(offsets, b.array());

        try (SampleFile f = p.newReader(ReaderSettings.defaults()).open(file)) {
            read(f, 0, 2);
            assertThatThrownBy(() -> read(f, 2, 1)).isInstanceOf(DataFileException.class)
                    .hasMessage(file + ": sample 2: img_0_of_1." + p.format() + ".off.idx places 16 bytes at byte 40, "
                            + "outside the data file's 48 bytes");
        }
        Files.write(offsets, Arrays.copyOf(b.array(), 20));
        assertThatThrownBy(() -> p.newReader(ReaderSettings.defaults()).open(file)).isInstanceOf(DataFileException.class)
                .hasMessage(offsets + ": 20 bytes is not a whole number of uint64 entries (truncated index?)");
        Files.delete(offsets);
        assertThatThrownBy(() -> p.newReader(ReaderSettings.defaults()).open(file)).isInstanceOf(DataFileException.class)
                .hasMessage(file + ": its index img_0_of_1." + p.format() + ".off.idx is missing (an indexed binary "
                        + "file needs <file>.off.idx and <file>.sz.idx beside it)");
    }
}
