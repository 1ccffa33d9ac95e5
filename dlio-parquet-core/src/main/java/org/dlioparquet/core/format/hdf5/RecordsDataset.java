package org.dlioparquet.core.format.hdf5;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.datatype.OrderedDataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.format.npy.ReadCounter;

/**
 * One {@code records_j} dataset: where sample k's bytes are. A contiguous dataset is read with our
 * own positional reads at its data address; a chunked one through jHDF's chunk API (which reads
 * through the counting channel), one chunk at a time, the last row of chunks kept for the next
 * samples. Elements are handed out little-endian whatever the file stores.
 */
final class RecordsDataset {
    private final Path file;
    private final String name;
    private final FileChannel channel;
    private final CountingChannel jhdf;
    private final long fileSize;
    private final ReadCounter counter;
    private final long[] shape;
    private final int elementSize;
    private final boolean bigEndian;
    private final long sampleBytes;
    private final long address;
    private final ChunkedDataset chunked;
    private final int[] chunkDims;
    /** Decoded chunks of the chunk row last used, by their position in the row. */
    private byte[][] chunkRow;
    private long chunkRowStart = -1;

    private RecordsDataset(Path file, String name, FileChannel channel, CountingChannel jhdf, long fileSize,
                           ReadCounter counter, long[] shape, int elementSize, boolean bigEndian, long address,
                           ChunkedDataset chunked) {
        this.file = file;
        this.name = name;
        this.channel = channel;
        this.jhdf = jhdf;
        this.fileSize = fileSize;
        this.counter = counter;
        this.shape = shape;
        this.elementSize = elementSize;
        this.bigEndian = bigEndian;
        long row = elementSize;
        for (int i = 1; i < shape.length; i++) {
            row *= shape[i];
        }
        this.sampleBytes = row;
        this.address = address;
        this.chunked = chunked;
        this.chunkDims = chunked == null ? null : chunked.getChunkDimensions();
    }

    static RecordsDataset of(Path file, String name, Dataset d, FileChannel channel, CountingChannel jhdf,
                             ReadCounter counter, long fileSize) throws DataFileException {
        long[] shape = d.getDimensionsAsLong();
        if (shape.length < 1 || d.isScalar()) {
            throw new DataFileException(file, name + ": a scalar, not an array of samples");
        }
        int elementSize = d.getDataType().getSize();
        boolean bigEndian = d.getDataType() instanceof OrderedDataType o && o.getByteOrder() == ByteOrder.BIG_ENDIAN;
        if (d.isCompound() || d.isVariableLength() || elementSize < 1 || elementSize > 8) {
            throw new DataFileException(file, name + ": elements of " + d.getJavaType().getSimpleName()
                    + " are not numbers DLIO writes");
        }
        if (d instanceof ContiguousDataset c) {
            RecordsDataset r = new RecordsDataset(file, name, channel, jhdf, fileSize, counter, shape, elementSize,
                    bigEndian, c.getDataAddress(), null);
            long total = r.sampleBytes * shape[0];
            if (shape[0] > 0 && (r.address < 0 || r.address > fileSize - total)) {
                throw new DataFileException(file, name + ": its " + total + " data bytes at byte " + r.address
                        + " run past the end of the file (" + fileSize + " bytes; truncated file?)");
            }
            return r;
        }
        if (d instanceof ChunkedDataset c) {
            int[] chunks = c.getChunkDimensions();
            if (chunks.length != shape.length) {
                throw new DataFileException(file, name + ": chunks of " + chunks.length + " dimensions for a dataset "
                        + "of " + shape.length);
            }
            for (int ch : chunks) {
                if (ch < 1) {
                    throw new DataFileException(file, name + ": chunk dimension " + ch);
                }
            }
            return new RecordsDataset(file, name, channel, jhdf, fileSize, counter, shape, elementSize, bigEndian, -1,
                    c);
        }
        throw new DataFileException(file, name + ": layout " + d.getDataLayout() + " is not supported (contiguous "
                + "and chunked are)");
    }

    long samples() {
        return shape[0];
    }

    long sampleBytes() {
        return sampleBytes;
    }

    /** Puts sample {@code k}'s bytes into {@code dst} from its position (which has room for them). */
    void read(long k, ByteBuffer dst) throws IOException {
        int start = dst.position();
        if (chunked == null) {
            int limit = dst.limit();
            dst.limit(start + (int) sampleBytes);
            long at = address + k * sampleBytes;
            while (dst.hasRemaining()) {
                int n = channel.read(dst, at + dst.position() - start);
                if (n < 0) {
                    throw new DataFileException(file, name + ": file ends at byte " + (at + dst.position() - start)
                            + " inside sample " + k + " (truncated while reading?)");
                }
                counter.add(n);
            }
            dst.limit(limit);
        } else {
            gatherFromChunks(k, dst);
            dst.position(start + (int) sampleBytes);
        }
        if (bigEndian && elementSize > 1) {
            swap(dst, start, (int) sampleBytes);
        }
    }

    /** Copies sample k's slab out of the chunks that hold it, row by row along the last dimension. */
    private void gatherFromChunks(long k, ByteBuffer dst) throws IOException {
        long rowStart = k / chunkDims[0] * chunkDims[0];
        if (rowStart != chunkRowStart) {
            chunkRow = new byte[chunksPerRow()][];
            chunkRowStart = rowStart;
        }
        int dims = shape.length;
        long[] index = new long[dims]; // element index within the sample, dims 1..n-1
        int lastDim = dims - 1;
        long rowElements = dims == 1 ? 1 : shape[lastDim];
        long rows = sampleBytes / elementSize / rowElements;
        int base = dst.position();
        for (long r = 0; r < rows; r++) {
            // element coordinates of this output row
            long rest = r;
            for (int d = lastDim - 1; d >= 1; d--) {
                index[d] = rest % shape[d];
                rest /= shape[d];
            }
            for (long e = 0; e < rowElements; ) {
                if (dims > 1) {
                    index[lastDim] = e;
                }
                int chunkInRow = 0;
                int[] chunkOffset = new int[dims];
                chunkOffset[0] = (int) rowStart;
                for (int d = 1; d < dims; d++) {
                    long c = index[d] / chunkDims[d];
                    chunkOffset[d] = (int) (c * chunkDims[d]);
                    chunkInRow = (int) (chunkInRow * ceilDiv(shape[d], chunkDims[d]) + c);
                }
                byte[] chunk = chunk(chunkInRow, chunkOffset);
                // position within the chunk (C order over the chunk's full dimensions)
                long within = k - rowStart;
                for (int d = 1; d < dims; d++) {
                    within = within * chunkDims[d] + (index[d] - chunkOffset[d]);
                }
                long run = dims == 1 ? 1 : Math.min(rowElements - e, chunkOffset[lastDim] + chunkDims[lastDim] - e);
                long from = within * elementSize;
                int len = (int) (run * elementSize);
                if (from < 0 || from + len > chunk.length) {
                    throw new DataFileException(file, name + ": chunk at " + Arrays.toString(chunkOffset)
                            + " decodes to " + chunk.length + " bytes, too few for its " + Arrays.toString(
                            chunkDims) + " elements");
                }
                dst.put(base + (int) ((r * rowElements + e) * elementSize), chunk, (int) from, len);
                e += run;
            }
        }
    }

    private int chunksPerRow() {
        long n = 1;
        for (int d = 1; d < shape.length; d++) {
            n *= ceilDiv(shape[d], chunkDims[d]);
        }
        return (int) n;
    }

    private byte[] chunk(int inRow, int[] offset) throws DataFileException {
        byte[] c = chunkRow[inRow];
        if (c == null) {
            c = Hdf5Errors.call(file, jhdf, fileSize, name + ": chunk at " + Arrays.toString(offset),
                    () -> chunked.getDecompressedChunk(offset));
            chunkRow[inRow] = c;
        }
        return c;
    }

    private void swap(ByteBuffer b, int start, int length) {
        for (int e = start; e + elementSize <= start + length; e += elementSize) {
            for (int i = 0, j = elementSize - 1; i < j; i++, j--) {
                byte t = b.get(e + i);
                b.put(e + i, b.get(e + j));
                b.put(e + j, t);
            }
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
