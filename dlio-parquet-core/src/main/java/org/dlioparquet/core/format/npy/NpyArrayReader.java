package org.dlioparquet.core.format.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.storage.DirectBufferPool;

/**
 * Delivers the samples of a DLIO array: shape {@code (*sample_shape, n)}, sample {@code k} =
 * {@code x[..., k]} in C order. In a C-order array the elements of one sample are {@code n}
 * elements apart, so a range of samples is gathered from one pass over the data through a reused
 * I/O buffer; a Fortran-order array stores each sample contiguously but transposed, and is
 * re-ordered one sample at a time. Contiguous samples are read into a direct buffer borrowed from
 * the reader's pool until {@link #close}: a file of one sample is opened for every sample read.
 * For a sink that only counts sizes ({@link SampleSink#readsBytes}), an array small enough to keep
 * is read once and not transposed, as DLIO loads it and shows each sample as a strided view.
 */
public final class NpyArrayReader implements AutoCloseable {
    /** Above this many gathered bytes per element row, a range is split into several passes. */
    private static final long MAX_GATHER_BYTES = 64L << 20;
    /** What sinks that only count sizes are shown: pieces of this, whose bytes do not matter, only their length. */
    private static final ByteBuffer SIZE_PIECES = ByteBuffer.allocateDirect(64 << 10).asReadOnlyBuffer();

    private final ByteRegion region;
    private final NpyHeader header;
    private final Path file;
    private final String what;
    private final int elementSize;
    private final long sampleElements;
    private final int samples;
    private final int ioBytes;
    private final DirectBufferPool pool;
    private final SpareArrays spares;

    private byte[] io;
    private ByteBuffer ioView;
    /** Taken from {@link #pool} on the first contiguous read, given back on close. */
    private ByteBuffer direct;
    private byte[] gather;
    private ByteBuffer gatherView;
    private byte[] sampleBuffer;
    /** Whether the array is small enough to load (transposed) on first read and keep. */
    private boolean keepWhole;
    private SampleMajorArray whole;
    /** Whether the array was read through once for sinks that only count sizes. */
    private boolean readThrough;
    private ByteBuffer sizePieces;

    private NpyArrayReader(ByteRegion region, NpyHeader header, Path file, String what, int ioBufferBytes,
                           DirectBufferPool pool, SpareArrays spares) {
        this.region = region;
        this.pool = pool;
        this.spares = spares;
        this.header = header;
        this.file = file;
        this.what = what;
        this.elementSize = header.type().size();
        this.samples = header.shape().get(header.shape().size() - 1).intValue();
        this.sampleElements = samples == 0 ? 0 : header.elements() / samples;
        int rounded = Math.max(elementSize, ioBufferBytes / elementSize * elementSize);
        this.ioBytes = (int) Math.max(elementSize, Math.min(rounded, header.dataBytes()));
    }

    /**
     * Reads and checks the header of the array in {@code region}.
     *
     * @param pool where the read buffer comes from and goes back to on {@link #close}
     * @param what prefix of error reasons naming the member, e.g. {@code "x.npy: "}, or empty
     */
    public static NpyArrayReader open(ByteRegion region, ReaderSettings settings, DirectBufferPool pool, Path file,
                                      String what) throws IOException {
        return open(region, settings, pool, SpareArrays.NONE, file, what);
    }

    /**
     * Likewise, keeping a whole array in one from {@code spares} when a closed file left one of its
     * length, and giving it back there on {@link #close}.
     */
    public static NpyArrayReader open(ByteRegion region, ReaderSettings settings, DirectBufferPool pool,
                                      SpareArrays spares, Path file, String what) throws IOException {
        try {
            NpyHeader header = NpyHeaderReader.read(region, settings.maxValueBytes());
            NpyHeaderReader.checkDataSize(header, region.length());
            if (header.shape().isEmpty()) {
                throw new NpyFormatException("shape () is a scalar; a DLIO array needs the sample axis last");
            }
            long n = header.shape().get(header.shape().size() - 1);
            if (n > Integer.MAX_VALUE) {
                throw new NpyFormatException("header shape " + header.shapeText() + " has " + n
                        + " samples on its last axis, more than " + Integer.MAX_VALUE);
            }
            long sampleBytes = n == 0 ? 0 : header.dataBytes() / n;
            if (header.fortranOrder() && header.shape().size() > 2
                    && sampleBytes > Math.min(settings.maxValueBytes(), Integer.MAX_VALUE - 8)) {
                throw new NpyFormatException("fortran_order sample of " + sampleBytes
                        + " bytes must be transposed in memory but exceeds the " + settings.maxValueBytes()
                        + "-byte value limit");
            }
            NpyArrayReader reader = new NpyArrayReader(region, header, file, what, settings.ioBufferBytes(), pool,
                    spares);
            reader.keepWhole = !header.fortranOrder() && n > 1
                    && header.dataBytes() <= Math.min(Math.min(settings.fileCacheBytes(), settings.maxValueBytes()),
                    SampleMajorArray.largestKept());
            return reader;
        } catch (NpyFormatException e) {
            throw new DataFileException(file, what + e.getMessage());
        }
    }

    public NpyHeader header() {
        return header;
    }

    /** Samples: the length of the last axis. */
    public int sampleCount() {
        return samples;
    }

    /** Delivers samples {@code first .. first+count-1} as column {@code column} of {@code sink}. */
    public void read(int first, int count, SampleSink sink, int column) throws IOException {
        if (first < 0 || count < 0 || (long) first + count > samples) {
            throw new IndexOutOfBoundsException("samples " + first + ".." + ((long) first + count - 1)
                    + " outside 0.." + (samples - 1) + " of " + file);
        }
        if (count == 0) {
            return;
        }
        if (sampleElements == 0) {
            emitEmpty(first, count, sink, column);
        } else if (keepWhole && whole == null && !sink.readsBytes()) {
            if (!readThrough) {
                readThrough();
                readThrough = true;
            }
            emitSizes(first, count, sink, column);
        } else if (keepWhole) {
            if (whole == null) {
                whole = SampleMajorArray.load(region, header, samples, ioBytes, file, what, spares);
            }
            whole.read(first, count, sink, column);
        } else if (header.fortranOrder()) {
            if (header.shape().size() <= 2) {
                // one sample axis or none: column-major order of a sample is its row-major order
                readContiguous(first, count, sink, column);
            } else {
                readTransposed(first, count, sink, column);
            }
        } else if (samples == 1) {
            readContiguous(first, count, sink, column);
        } else {
            long maxSamplesPerPass = Math.max(1, Math.max(ioBytes, MAX_GATHER_BYTES) / elementSize);
            for (long start = first; start < (long) first + count; start += maxSamplesPerPass) {
                int part = (int) Math.min(maxSamplesPerPass, (long) first + count - start);
                readStrided((int) start, part, sink, column);
            }
        }
    }

    /**
     * C order: element {@code e} of sample {@code k} is at {@code e*n + k}. Element row {@code e}
     * of the range is the run {@code [e*n + first, e*n + first + count)}; runs are read in order
     * through the I/O buffer (short gaps between runs are read along, long ones skipped) and each
     * sample's elements are collected in its own slot of the gather buffer until a piece is full.
     */
    private void readStrided(int first, int count, SampleSink sink, int column) throws IOException {
        final int w = elementSize;
        final long stride = (long) samples * w;
        final long runStart = (long) first * w;
        final long runLength = (long) count * w;
        final long rows = sampleElements;
        final int perPiece = (int) Math.max(1, Math.min(rows, ioBytes / runLength));
        final int slotBytes = Transpose.paddedStride(perPiece * w);
        ensureGather((long) count * slotBytes);
        ensureIo();
        final long spanEnd = (rows - 1) * stride + runStart + runLength;
        long row = 0;
        long inRun = 0;
        while (row < rows) {
            long p = row * stride + runStart + inRun;
            long q = Math.min(p + ioBytes, spanEnd);
            long rel = q - runStart;
            long qRow = rel / stride;
            if (rel - qRow * stride > runLength) {
                q = qRow * stride + runStart + runLength; // never end a read inside a gap
            }
            int m = (int) (q - p);
            fill(ioView, p, m);
            while (row < rows) {
                long at = row * stride + runStart + inRun;
                if (at >= q) {
                    break;
                }
                int slot = (int) (row % perPiece);
                if (inRun == 0 && q - at >= runLength) {
                    // whole rows in the buffer: transposed into the slots together
                    int toBoundary = perPiece - slot;
                    int whole = (int) Math.min(Math.min((q - at - runLength) / stride + 1, rows - row), toBoundary);
                    // a stride past the buffer only occurs with one row, where it is never applied
                    Transpose.elements(io, (int) (at - p), (int) Math.min(stride, ioBytes), gather, slot * w,
                            slotBytes, whole, count, w);
                    row += whole;
                    if (whole == toBoundary || row == rows) {
                        emitSlots(first, count, slotBytes, slot + whole, sink, column);
                    }
                    continue;
                }
                // the part of a run the buffer holds: one row of consecutive samples' elements
                int c = (int) Math.min(runLength - inRun, q - at);
                Transpose.elements(io, (int) (at - p), c, gather, (int) (inRun / w) * slotBytes + slot * w, slotBytes,
                        1, c / w, w);
                inRun += c;
                if (inRun == runLength) {
                    if (slot + 1 == perPiece || row == rows - 1) {
                        emitSlots(first, count, slotBytes, slot + 1, sink, column);
                    }
                    row++;
                    inRun = 0;
                }
            }
        }
    }

    private void emitSlots(int first, int count, int slotBytes, int filled, SampleSink sink, int column) {
        int bytes = filled * elementSize;
        for (int j = 0; j < count; j++) {
            sink.accept(first + j, column, view(gatherView, j * slotBytes, j * slotBytes + bytes));
        }
    }

    /**
     * Samples stored one after another: pieces go straight out of the I/O buffer, or each sample
     * whole out of a region already in memory.
     */
    private void readContiguous(int first, int count, SampleSink sink, int column) throws IOException {
        if (region instanceof MemoryRegion memory && memory.inMemory()) {
            int sampleBytes = (int) (sampleElements * elementSize); // the whole region fits in a buffer
            for (int k = first; k < first + count; k++) {
                sink.accept(k, column, memory.view(header.dataOffset() + (long) k * sampleBytes, sampleBytes));
            }
            return;
        }
        if (direct == null) {
            direct = pool.take(ioBytes);
        }
        long sampleBytes = sampleElements * elementSize;
        long start = first * sampleBytes;
        long end = start + count * sampleBytes;
        for (long p = start; p < end; ) {
            int m = (int) Math.min(ioBytes, end - p);
            fill(direct, p, m);
            for (int off = 0; off < m; ) {
                long sampleIndex = (p + off) / sampleBytes;
                int c = (int) Math.min(m - off, (sampleIndex + 1) * sampleBytes - (p + off));
                sink.accept((int) sampleIndex, column, view(direct, off, off + c));
                off += c;
            }
            p += m;
        }
    }

    /**
     * Fortran order: sample {@code k} is contiguous with its first axis fastest. It is read whole
     * and walked in C order (last sample axis fastest), emitting pieces of the gather buffer.
     */
    private void readTransposed(int first, int count, SampleSink sink, int column) throws IOException {
        final int w = elementSize;
        final int dims = header.shape().size() - 1;
        long[] extent = new long[dims];
        long[] fStride = new long[dims];
        long s = 1;
        for (int i = 0; i < dims; i++) {
            extent[i] = header.shape().get(i);
            fStride[i] = s;
            s *= extent[i];
        }
        int sampleBytes = (int) (sampleElements * w);
        if (sampleBuffer == null || sampleBuffer.length < sampleBytes) {
            sampleBuffer = new byte[sampleBytes];
        }
        ensureGather(ioBytes);
        ByteBuffer sampleView = ByteBuffer.wrap(sampleBuffer, 0, sampleBytes);
        long[] index = new long[dims];
        for (int k = first; k < first + count; k++) {
            sampleView.clear().limit(sampleBytes);
            long at = header.dataOffset() + (long) k * sampleBytes;
            if (region.read(at, sampleView) < sampleBytes) {
                throw shortData(at, sampleBytes);
            }
            Arrays.fill(index, 0);
            long fOffset = 0;
            int g = 0;
            for (long c = 0; c < sampleElements; c++) {
                ElementCopy.copy(sampleBuffer, (int) (fOffset * w), gather, g, w);
                g += w;
                if (g + w > ioBytes) {
                    sink.accept(k, column, view(gatherView, 0, g));
                    g = 0;
                }
                int i = dims - 1;
                index[i]++;
                fOffset += fStride[i];
                while (index[i] == extent[i] && i > 0) {
                    fOffset -= extent[i] * fStride[i];
                    index[i] = 0;
                    i--;
                    index[i]++;
                    fOffset += fStride[i];
                }
            }
            if (g > 0) {
                sink.accept(k, column, view(gatherView, 0, g));
            }
        }
    }

    /**
     * Reads the array's data once, in order, as loading it would, through a direct buffer from the
     * pool given back at once for the next file (nothing to read when the region is already in
     * memory). Every byte is read and, in a deflated member, inflated and checked against the
     * CRC; nothing is kept.
     */
    private void readThrough() throws IOException {
        if (region instanceof MemoryRegion memory && memory.inMemory()) {
            return;
        }
        ByteBuffer buffer = direct != null ? direct : pool.take(ioBytes);
        try {
            for (long p = 0; p < header.dataBytes(); p += ioBytes) {
                fill(buffer, p, (int) Math.min(ioBytes, header.dataBytes() - p));
            }
        } finally {
            if (buffer != direct) {
                pool.give(buffer);
            }
        }
    }

    /** Pieces of each sample's size, for a sink that only counts sizes: what they hold is not the sample. */
    private void emitSizes(int first, int count, SampleSink sink, int column) {
        long sampleBytes = sampleElements * elementSize;
        if (sizePieces == null) {
            sizePieces = SIZE_PIECES.duplicate();
        }
        for (int k = first; k < first + count; k++) {
            if (region instanceof MemoryRegion memory && memory.inMemory()) {
                sink.accept(k, column, memory.view(header.dataOffset(), (int) sampleBytes)); // the region fits an int
                continue;
            }
            for (long left = sampleBytes; left > 0; ) {
                int m = (int) Math.min(left, sizePieces.capacity());
                sink.accept(k, column, view(sizePieces, 0, m));
                left -= m;
            }
        }
    }

    private void emitEmpty(int first, int count, SampleSink sink, int column) {
        ensureGather(0);
        for (int k = first; k < first + count; k++) {
            sink.accept(k, column, view(gatherView, 0, 0));
        }
    }

    /** Reads {@code m} data bytes from data position {@code p} into the start of {@code buffer}. */
    private void fill(ByteBuffer buffer, long p, int m) throws IOException {
        buffer.clear().limit(m);
        long at = header.dataOffset() + p;
        if (region.read(at, buffer) < m) {
            throw shortData(at, m);
        }
    }

    private DataFileException shortData(long at, int m) {
        return new DataFileException(file, what + "array data ends before byte " + (at + m)
                + " (the header promised " + header.dataBytes() + " bytes after byte " + header.dataOffset() + ")");
    }

    private void ensureIo() {
        if (io == null) {
            io = new byte[ioBytes];
            ioView = ByteBuffer.wrap(io).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private void ensureGather(long bytes) {
        if (gather == null || gather.length < bytes) {
            gather = new byte[(int) bytes];
            gatherView = ByteBuffer.wrap(gather).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** Bytes held between reads: the array kept whole (when it is) and the read buffers. */
    public long retainedBytes() {
        return (whole == null ? 0 : whole.bytes()) + (io == null ? 0 : io.length)
                + (gather == null ? 0 : gather.length) + (sampleBuffer == null ? 0 : sampleBuffer.length)
                + (direct == null ? 0 : direct.capacity());
    }

    /** Gives the read buffer back to the pool and the kept array to the spares; the owner closes the channel. */
    @Override
    public void close() {
        if (direct != null) {
            pool.give(direct);
            direct = null;
        }
        if (whole != null) {
            whole.release(spares);
            whole = null;
        }
    }

    private static ByteBuffer view(ByteBuffer buffer, int from, int to) {
        buffer.clear();
        buffer.position(from);
        buffer.limit(to);
        return buffer;
    }
}
