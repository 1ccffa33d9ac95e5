package org.dlioparquet.core.format.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.format.npy.ReadCounter;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.storage.Closeables;
import org.dlioparquet.core.storage.DirectBufferPool;
import org.dlioparquet.core.storage.ReadChannels;

/**
 * An open HDF5 file of DLIO's layout: sample k is {@code records_j[k]} of every dataset j, one
 * column each, as DLIO's {@code hdf5_reader} reads them. jHDF parses the metadata; the samples
 * are read by {@link RecordsDataset}, and every byte either reads is counted.
 */
final class Hdf5SampleFile implements SampleFile {
    private final Path path;
    private final FileChannel channel;
    private final HdfFile hdf;
    private final ReadCounter counter;
    private final List<RecordsDataset> records;
    private final List<String> columns;
    private final DirectBufferPool samples;
    private final int sampleBytes;
    private final CountingChannel metadata;

    private Hdf5SampleFile(Path path, FileChannel channel, HdfFile hdf, ReadCounter counter, CountingChannel metadata,
                           List<RecordsDataset> records, List<String> columns, DirectBufferPool samples,
                           int sampleBytes) {
        this.path = path;
        this.metadata = metadata;
        this.channel = channel;
        this.hdf = hdf;
        this.counter = counter;
        this.records = records;
        this.columns = columns;
        this.samples = samples;
        this.sampleBytes = sampleBytes;
    }

    /**
     * @param samples the reader's sample buffers, one taken per {@link #read} call: open files hold
     *                none (a heap array per file was fresh memory, and every read into it was copied
     *                again through the JDK's temporary direct buffer)
     */
    static Hdf5SampleFile open(Path path, ReaderSettings settings, DirectBufferPool samples) throws IOException {
        FileChannel channel = ReadChannels.open(path, settings);
        HdfFile hdf = null;
        try {
            long size = channel.size();
            if (size == 0) {
                throw new DataFileException(path, "empty file (0 bytes), not an HDF5 file");
            }
            ReadCounter counter = new ReadCounter();
            CountingChannel jhdf = new CountingChannel(channel, counter);
            hdf = Hdf5Errors.call(path, jhdf, size, "", () -> new HdfFile(jhdf, path.toUri()));
            HdfFile file = hdf;
            Map<String, Node> children = Hdf5Errors.call(path, jhdf, size, "", file::getChildren);
            List<RecordsDataset> records = new ArrayList<>();
            List<String> columns = new ArrayList<>();
            long largest = 0;
            for (int j = 0; children.containsKey("records_" + j); j++) {
                String name = "records_" + j;
                Node node = children.get(name);
                if (!(node instanceof Dataset d)) {
                    throw new DataFileException(path, name + " is a " + node.getType() + ", not a dataset");
                }
                RecordsDataset r = Hdf5Errors.call(path, jhdf, size, name, () -> RecordsDataset.of(path, name, d,
                        channel, jhdf, counter, size));
                if (!records.isEmpty() && r.samples() != records.get(0).samples()) {
                    throw new DataFileException(path, name + " holds " + r.samples() + " samples, records_0 "
                            + records.get(0).samples());
                }
                if (r.sampleBytes() > settings.maxValueBytes() || r.samples() > Integer.MAX_VALUE) {
                    throw new DataFileException(path, name + ": samples of " + r.sampleBytes() + " bytes (or "
                            + r.samples() + " samples) exceed the reader's limits");
                }
                largest = Math.max(largest, r.sampleBytes());
                records.add(r);
                columns.add(name);
            }
            if (records.isEmpty()) {
                throw new DataFileException(path, "no dataset records_0 (DLIO's layout: records_0..records_{k-1} and "
                        + "labels); found " + (children.isEmpty() ? "none" : String.join(", ", children.keySet())));
            }
            return new Hdf5SampleFile(path, channel, hdf, counter, jhdf, records, List.copyOf(columns), samples,
                    (int) largest);
        } catch (Throwable e) { // Errors too: the channel must not leak
            Closeables.closeAfterFailure(e, hdf, channel);
            if (e instanceof IOException || e instanceof Error) {
                throw e;
            }
            throw Hdf5Errors.of(path, "", e);
        }
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public int sampleCount() {
        return (int) records.get(0).samples();
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public void read(int first, int count, SampleSink sink) throws IOException {
        if (first < 0 || count < 0 || (long) first + count > sampleCount()) {
            throw new IndexOutOfBoundsException("samples " + first + ".." + ((long) first + count - 1)
                    + " of a file with " + sampleCount());
        }
        ByteBuffer sample = samples.take(sampleBytes);
        try {
            for (int k = first; k < first + count; k++) {
                for (int j = 0; j < records.size(); j++) {
                    RecordsDataset r = records.get(j);
                    sample.clear();
                    r.read(k, sample);
                    sample.flip();
                    sink.accept(k, j, sample);
                }
            }
        } finally {
            samples.give(sample);
        }
    }

    @Override
    public long bytesRead() {
        return counter.bytes();
    }

    /** The metadata jHDF read (kept so it is read once); sample buffers are the reader's, held only while reading. */
    @Override
    public long retainedBytes() {
        return metadata.keptBytes();
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            if (hdf != null) {
                hdf.close();
            }
        }
    }
}
