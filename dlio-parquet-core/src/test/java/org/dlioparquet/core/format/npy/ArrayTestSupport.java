package org.dlioparquet.core.format.npy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.spi.SeededContent;

/**
 * Helpers shared by the NPY and NPZ tests: write with a provider, collect samples, expected bytes,
 * and the checks both formats must pass.
 */
public final class ArrayTestSupport {
    private ArrayTestSupport() {
    }

    public static FileSpec spec(String name, List<Integer> sampleShape, int samples, long seed) {
        return new FileSpec("train/" + name, Split.TRAIN, 0, 0, sampleShape, samples, seed);
    }

    /** Writes {@code spec} with the provider's generator into {@code dir} and returns the file. */
    public static Path generate(FormatProvider provider, DatasetConfig dataset, FileSpec spec, Path dir)
            throws IOException {
        Path file = dir.resolve(spec.fileName());
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            provider.newGenerator(dataset).write(spec, out);
            if (!out.isOpen()) {
                throw new AssertionError("the generator closed the caller's channel");
            }
        }
        return file;
    }

    /** The bytes SeededContent defines for sample {@code k} of {@code spec}. */
    public static byte[] expectedSample(FileSpec spec, int k, ElementType type) {
        byte[] b = new byte[(int) spec.sampleBytes(type)];
        new SeededContent(spec.sampleSeed(k)).fill(b, 0, b.length, type);
        return b;
    }

    /** Collects pieces per sample and remembers the largest piece. */
    public static final class Collector implements SampleSink {
        private final List<ByteArrayOutputStream> samples = new ArrayList<>();
        private final int offset;
        public int largestPiece;
        public int pieces;
        public final List<Integer> order = new ArrayList<>();

        public Collector(int first, int count) {
            this.offset = first;
            for (int i = 0; i < count; i++) {
                samples.add(new ByteArrayOutputStream());
            }
        }

        @Override
        public void accept(int sample, int column, ByteBuffer piece) {
            if (column != 0) {
                throw new AssertionError("column " + column);
            }
            byte[] b = new byte[piece.remaining()];
            piece.duplicate().get(b);
            samples.get(sample - offset).writeBytes(b);
            largestPiece = Math.max(largestPiece, b.length);
            pieces++;
            order.add(sample);
        }

        public byte[] sample(int k) {
            return samples.get(k - offset).toByteArray();
        }
    }

    /**
     * Writes {@code spec} and checks the array's shape {@code (*sample_shape, n)} and every sample,
     * read one at a time and all in one call.
     *
     * @param header the parsed header of an open file of the provider
     */
    public static void checkRoundTrip(FormatProvider provider, DatasetConfig dataset, FileSpec spec, Path dir,
                                      Function<SampleFile, NpyHeader> header) throws IOException {
        ElementType type = dataset.recordElementType();
        int n = spec.numSamples();
        Path file = generate(provider, dataset, spec, dir);
        try (SampleFile f = provider.newReader(ReaderSettings.defaults()).open(file)) {
            List<Long> shape = new ArrayList<>();
            spec.sampleShape().forEach(d -> shape.add((long) d));
            shape.add((long) n);
            assertThat(header.apply(f).shape()).as("%s shape", file.getFileName()).isEqualTo(shape);
            Collector all = read(f, 0, n);
            for (int k = 0; k < n; k++) {
                byte[] expected = expectedSample(spec, k, type);
                assertThat(read(f, k, 1).sample(k)).as("%s sample %d alone", file.getFileName(), k).isEqualTo(expected);
                assertThat(all.sample(k)).as("%s sample %d of all", file.getFileName(), k).isEqualTo(expected);
            }
        }
    }

    /**
     * Reads the one sample of {@code file} (written from {@code spec}) through an I/O buffer of
     * {@code buffer} bytes: it must arrive whole, in pieces of exactly the buffer size but the last.
     *
     * @return the bytes the file read, open included
     */
    public static long streamOneSample(FormatProvider provider, Path file, FileSpec spec, ElementType type, int buffer)
            throws IOException {
        ReaderSettings small = new ReaderSettings(ElementType.UINT8, List.of(), false, buffer, 1L << 30);
        try (SampleFile f = provider.newReader(small).open(file)) {
            Collector got = read(f, 0, 1);
            byte[] expected = expectedSample(spec, 0, type);
            assertThat(got.sample(0)).isEqualTo(expected);
            assertThat(got.largestPiece).isEqualTo(buffer);
            assertThat(got.pieces).isEqualTo((expected.length + buffer - 1) / buffer);
            return f.bytesRead();
        }
    }

    /** Reads samples {@code first..first+count-1} in one call. */
    public static Collector read(SampleFile file, int first, int count) throws IOException {
        Collector c = new Collector(first, count);
        file.read(first, count, c);
        return c;
    }

    /** The C-order bytes of the whole array {@code (*sample_shape, n)} rebuilt from its samples. */
    public static byte[] arrayBytes(SampleFile file, int elementSize) throws IOException {
        int n = file.sampleCount();
        Collector c = read(file, 0, n);
        int sampleBytes = c.sample(0).length;
        byte[] out = new byte[sampleBytes * n];
        for (int k = 0; k < n; k++) {
            byte[] s = c.sample(k);
            for (int e = 0; e < sampleBytes / elementSize; e++) {
                System.arraycopy(s, e * elementSize, out, (e * n + k) * elementSize, elementSize);
            }
        }
        return out;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    public static long unsignedSum(byte[] bytes) {
        long s = 0;
        for (byte b : bytes) {
            s += b & 0xFF;
        }
        return s;
    }

    public static byte[] readAll(Path p) throws IOException {
        return Files.readAllBytes(p);
    }
}
