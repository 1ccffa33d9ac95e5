package org.dlioparquet.core.format.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ContiguousDataset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A contiguous, uncompressed HDF5 file of one shape, as jHDF writes it, with the records' data
 * left out: the bytes before, between and after the {@code records_j} data (superblock, object
 * headers, the zero labels) and where each {@code records_j}'s data lies. Every file of that shape
 * is these bytes with the samples written in place of the data, which is what jHDF writes for
 * them, without jHDF: it takes the samples as a multi-dimensional Java array and writes it one
 * innermost row at a time, 30 times slower than the disk.
 */
final class Hdf5Template {
    /** The bytes before the first records data, between each two, and after the last: one more than the datasets. */
    private final List<byte[]> gaps;
    private final long dataBytes;

    private Hdf5Template(List<byte[]> gaps, long dataBytes) {
        this.gaps = gaps;
        this.dataBytes = dataBytes;
    }

    /**
     * Reads {@code file} (written by jHDF with zeros for the records) into a template; {@code null}
     * when a records dataset is not contiguous.
     */
    static Hdf5Template of(Path file, int datasets) throws IOException {
        List<long[]> data = new ArrayList<>(); // {start, bytes}
        try (HdfFile h = new HdfFile(file)) {
            for (int j = 0; j < datasets; j++) {
                Dataset d = h.getDatasetByPath("records_" + j);
                if (!(d instanceof ContiguousDataset c)) {
                    return null;
                }
                data.add(new long[] {c.getDataAddress(), d.getSizeInBytes()});
            }
        }
        data.sort(Comparator.comparingLong(r -> r[0]));
        List<byte[]> gaps = new ArrayList<>();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long at = 0;
            for (long[] d : data) {
                gaps.add(readFully(in, at, d[0] - at));
                at = d[0] + d[1];
            }
            gaps.add(readFully(in, at, in.size() - at));
        }
        return new Hdf5Template(List.copyOf(gaps), data.get(0)[1]);
    }

    private static byte[] readFully(FileChannel in, long at, long length) throws IOException {
        if (length < 0 || length > Integer.MAX_VALUE) {
            throw new IOException("jHDF wrote overlapping or oversized parts (" + length + " bytes at " + at + ")");
        }
        ByteBuffer b = ByteBuffer.allocate((int) length);
        while (b.hasRemaining()) {
            if (in.read(b, at + b.position()) < 0) {
                throw new IOException("jHDF's file ended at byte " + (at + b.position()));
            }
        }
        return b.array();
    }

    /** Bytes of each records dataset's data. */
    long dataBytes() {
        return dataBytes;
    }

    /** Writes the file: the template's bytes, and {@code data} where each records dataset's data lies. */
    void write(WritableByteChannel out, DataWriter data) throws IOException {
        for (int i = 0; i < gaps.size(); i++) {
            if (i > 0) {
                data.write(out);
            }
            ByteBuffer b = ByteBuffer.wrap(gaps.get(i));
            while (b.hasRemaining()) {
                out.write(b);
            }
        }
    }

    /** Writes one records dataset's data ({@link #dataBytes()} bytes). */
    @FunctionalInterface
    interface DataWriter {
        void write(WritableByteChannel out) throws IOException;
    }
}
