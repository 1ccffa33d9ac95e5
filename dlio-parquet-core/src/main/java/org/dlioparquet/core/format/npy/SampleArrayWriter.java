package org.dlioparquet.core.format.npy;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.internal.Sizes;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.ProblemReporter;
import org.dlioparquet.core.spi.SeededContent;

/**
 * Writes the array DLIO stores in NPZ and NPY files: shape {@code (*sample_shape, n)} in C order,
 * so that {@code x[..., k]} is sample {@code k} and element {@code e} of sample {@code k} sits at
 * flat position {@code e*n + k}. Streams with one {@link SeededContent} per sample: a block of
 * each sample is generated, then the blocks are interleaved, so memory stays about one block per
 * sample whatever the file size.
 */
public final class SampleArrayWriter {
    /** Bytes generated per round over all samples. */
    private static final int ROUND_BYTES = 1 << 20;
    /**
     * Block of a file of one sample: small enough to stay in cache and to be allocated without
     * touching fresh heap (a 1 MiB array per file cost more than generating its bytes).
     */
    private static final int SINGLE_BLOCK_BYTES = 64 << 10;
    /** Memory a sample costs while its file is written: its content stream and two blocks of at least 8 bytes. */
    private static final long BYTES_PER_SAMPLE = 48;

    private SampleArrayWriter() {
    }

    /**
     * Refuses a sample count the writer cannot hold: it keeps one content stream and block per
     * sample of the file it writes, on every writer thread.
     */
    public static void checkSamplesPerFile(DatasetConfig dataset, ProblemReporter problems) {
        long n = dataset.numSamplesPerFile();
        long heap = Runtime.getRuntime().maxMemory();
        if (n * 8 > Integer.MAX_VALUE - 8 || n * BYTES_PER_SAMPLE > heap / 2) {
            problems.error("dataset.num_samples_per_file", n + " samples in one file need about "
                    + Sizes.bytes(n * BYTES_PER_SAMPLE) + " per writer thread to write (a content stream and a block "
                    + "per sample), more than half the Java heap (" + Sizes.bytes(heap) + ") or a Java array allows; "
                    + "use more files with fewer samples each");
        }
    }

    /** {@code (*spec.sampleShape(), spec.numSamples())}. */
    private static List<Long> arrayShape(FileSpec spec) {
        List<Long> shape = new ArrayList<>();
        for (int d : spec.sampleShape()) {
            shape.add((long) d);
        }
        shape.add((long) spec.numSamples());
        return shape;
    }

    /** Writes the .npy header, exactly as {@code np.save} writes it, and then the data. */
    public static void writeNpy(FileSpec spec, ElementType type, OutputStream out) throws IOException {
        out.write(NpyHeader.encode(type, arrayShape(spec)));
        writeData(spec, type, out);
    }

    /** Writes the data bytes of the array (no header). */
    private static void writeData(FileSpec spec, ElementType type, OutputStream out) throws IOException {
        int n = spec.numSamples();
        long sampleBytes = spec.sampleBytes(type);
        if (n == 0 || sampleBytes == 0) {
            return;
        }
        // every block but a sample's last is a multiple of 8 bytes, so fill() stays chunking-independent
        int block = (int) Math.min(roundUp8(sampleBytes), Math.max(8, ROUND_BYTES / n / 8 * 8));
        SeededContent[] content = new SeededContent[n];
        for (int k = 0; k < n; k++) {
            content[k] = new SeededContent(spec.sampleSeed(k));
        }
        if (n == 1) {
            writeSingle(content[0], sampleBytes, Math.min(block, SINGLE_BLOCK_BYTES), type, out);
            return;
        }
        int slot = Transpose.paddedStride(block);
        byte[] staged = new byte[n * slot];
        byte[] interleaved = new byte[n * block];
        int w = type.size();
        for (long done = 0; done < sampleBytes; ) {
            int len = (int) Math.min(block, sampleBytes - done);
            for (int k = 0; k < n; k++) {
                content[k].fill(staged, k * slot, len, type);
            }
            interleave(staged, slot, interleaved, n, len, w);
            out.write(interleaved, 0, n * len);
            done += len;
        }
    }

    /** Element {@code t} of sample {@code k}'s block goes to position {@code t*n + k}; output written in order. */
    private static void interleave(byte[] staged, int slot, byte[] out, int n, int len, int w) {
        Transpose.elements(staged, 0, slot, out, 0, n * w, n, len / w, w);
    }

    private static void writeSingle(SeededContent content, long sampleBytes, int block, ElementType type,
                                    OutputStream out) throws IOException {
        byte[] buf = new byte[block];
        for (long done = 0; done < sampleBytes; ) {
            int len = (int) Math.min(block, sampleBytes - done);
            content.fill(buf, 0, len, type);
            out.write(buf, 0, len);
            done += len;
        }
    }

    private static long roundUp8(long v) {
        return (v + 7) & ~7L;
    }
}
