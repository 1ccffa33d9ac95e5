package org.dlioparquet.core.format.csv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SeededContent;

/** Shared steps of the CSV tests: write a file through the provider, read samples back, recompute expected bytes. */
final class CsvTesting {
    static final CsvFormatProvider PROVIDER = new CsvFormatProvider();

    private CsvTesting() {
    }

    static FileSpec spec(String name, List<Integer> shape, int samples, long seed) {
        return new FileSpec("train/" + name, Split.TRAIN, 0, 0, shape, samples, seed);
    }

    /** Writes {@code spec} with the dataset's settings into {@code dir}, named with the provider's extension. */
    static Path write(Path dir, DatasetConfig dataset, FileSpec spec) throws IOException {
        Path file = dir.resolve(spec.fileName() + "." + PROVIDER.fileExtension(dataset));
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            PROVIDER.newGenerator(dataset).write(spec, out);
        }
        return file;
    }

    static SampleFile open(Path file, ElementType type) throws IOException {
        return PROVIDER.newReader(ReaderSettings.defaults().withElementType(type)).open(file);
    }

    /** Samples {@code first .. first+count-1}, each the concatenation of its pieces; checks the column and order. */
    static List<byte[]> read(SampleFile f, int first, int count) throws IOException {
        List<ByteArrayOutputStream> samples = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            samples.add(new ByteArrayOutputStream());
        }
        int[] last = {first};
        f.read(first, count, (sample, column, piece) -> {
            if (column != 0 || sample < last[0] || sample >= first + count) {
                throw new AssertionError("unexpected piece for sample " + sample + ", column " + column);
            }
            last[0] = sample;
            byte[] b = new byte[piece.remaining()];
            piece.duplicate().get(b);
            samples.get(sample - first).writeBytes(b);
        });
        List<byte[]> result = new ArrayList<>();
        for (ByteArrayOutputStream s : samples) {
            result.add(s.toByteArray());
        }
        return result;
    }

    static List<byte[]> readAll(SampleFile f) throws IOException {
        return read(f, 0, f.sampleCount());
    }

    /** What sample {@code k} of {@code spec} must hold, recomputed in one call. */
    static byte[] expectedSample(FileSpec spec, int k, ElementType type) {
        byte[] b = new byte[(int) spec.sampleBytes(type)];
        new SeededContent(spec.sampleSeed(k)).fill(b, 0, b.length, type);
        return b;
    }
}
