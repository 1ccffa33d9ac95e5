package org.dlioparquet.core.format.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.spi.SampleSink;

/**
 * A whole DLIO array kept in memory with each sample's elements next to each other. The file
 * stores sample {@code k} as {@code x[..., k]}, spread over the whole array; gathering it anew for
 * every batch would read (or walk) the whole file once per batch. Loading transposes it once, in
 * one pass over the file through a small buffer, into {@code samples[k]}; after that a sample is a
 * slice. This is what DLIO's {@code read_type: memory} does with {@code np.load}.
 */
final class SampleMajorArray {
    /** Largest array kept: a Java array's limit. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;
    /**
     * Share of the heap one kept array may take: several reader threads keep arrays of the files they
     * have open at once, and a bigger array is read in passes instead of running out of memory.
     */
    private static final int HEAP_SHARE = 8;
    /**
     * Most bytes of rows read and transposed at once: with the JDK's own direct copy of a heap read,
     * twice this stays in the L2 cache; rows read a MiB at a time spilled it, and the transpose,
     * which is most of loading an array, ran a fifth slower.
     */
    static final int MAX_CHUNK_BYTES = 128 << 10;

    /** The largest array this JVM keeps whole: a Java array's limit and an eighth of the heap. */
    static long largestKept() {
        return Math.min(MAX_BYTES, Runtime.getRuntime().maxMemory() / HEAP_SHARE);
    }

    private final byte[] bytes;
    private final int sampleBytes;
    private final int slotBytes;
    private final ByteBuffer view;

    private SampleMajorArray(byte[] bytes, int sampleBytes, int slotBytes) {
        this.bytes = bytes;
        this.sampleBytes = sampleBytes;
        this.slotBytes = slotBytes;
        this.view = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /**
     * Reads the C-order data of {@code header} from {@code region} and transposes it.
     *
     * @param ioBytes size of the read buffer (at most {@link #MAX_CHUNK_BYTES} are used)
     * @param spares  where the array comes from when a closed file left one of its length
     */
    static SampleMajorArray load(ByteRegion region, NpyHeader header, int samples, int ioBytes, Path file, String what,
                                 SpareArrays spares) throws IOException {
        int w = header.type().size();
        long total = header.dataBytes();
        long elements = total / w / samples;
        int sampleBytes = Math.toIntExact(elements * w);
        int padded = Transpose.paddedStride(sampleBytes);
        int slotBytes = (long) samples * padded <= MAX_BYTES ? padded : sampleBytes;
        // every sample's bytes are written below; the padding after each (never shown) may hold stale bytes
        byte[] out = spares.take(Math.toIntExact((long) samples * slotBytes));
        long rowBytes = (long) samples * w;
        long rowsPerChunk = Math.max(1, Math.min(ioBytes, MAX_CHUNK_BYTES) / rowBytes);
        byte[] chunk = new byte[Math.toIntExact(Math.min(total, rowsPerChunk * rowBytes))];
        for (long e0 = 0; e0 < elements; e0 += rowsPerChunk) {
            int rows = (int) Math.min(rowsPerChunk, elements - e0);
            int len = Math.toIntExact(rows * rowBytes);
            readFully(region, header.dataOffset() + e0 * rowBytes, chunk, len, file, what);
            // row r of the chunk holds element e0 + r of every sample: each goes to its sample's run
            Transpose.elements(chunk, 0, (int) rowBytes, out, (int) (e0 * w), slotBytes, rows, samples, w);
        }
        return new SampleMajorArray(out, sampleBytes, slotBytes);
    }

    private static void readFully(ByteRegion region, long position, byte[] into, int len, Path file, String what)
            throws IOException {
        ByteBuffer b = ByteBuffer.wrap(into, 0, len);
        while (b.hasRemaining()) {
            int n = region.read(position + b.position(), b);
            if (n <= 0) {
                throw new DataFileException(file, what + "array data ended " + b.remaining() + " bytes early");
            }
        }
    }

    /** Hands the array to {@code spares}; this object must not be read from afterwards. */
    void release(SpareArrays spares) {
        spares.give(bytes);
    }

    /** Bytes held: every sample, each in its slot. */
    long bytes() {
        return view.capacity();
    }

    /** Delivers samples {@code first .. first+count-1}, each as one piece. */
    void read(int first, int count, SampleSink sink, int column) {
        for (int k = first; k < first + count; k++) {
            int from = k * slotBytes;
            view.limit(from + sampleBytes).position(from);
            sink.accept(k, column, view);
        }
    }
}
