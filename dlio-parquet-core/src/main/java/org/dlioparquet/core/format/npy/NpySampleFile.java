package org.dlioparquet.core.format.npy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.storage.Closeables;
import org.dlioparquet.core.storage.DirectBufferPool;
import org.dlioparquet.core.storage.ReadChannels;

/** A bare .npy file holding one DLIO array {@code (*sample_shape, n)}; sample k is {@code array[..., k]}. */
final class NpySampleFile implements SampleFile {
    static final List<String> COLUMNS = List.of("array");

    private final Path path;
    private final FileChannel channel;
    private final ReadCounter counter;
    private final NpyArrayReader array;

    private NpySampleFile(Path path, FileChannel channel, ReadCounter counter, NpyArrayReader array) {
        this.path = path;
        this.channel = channel;
        this.counter = counter;
        this.array = array;
    }

    static NpySampleFile open(Path path, ReaderSettings settings, DirectBufferPool pool) throws IOException {
        FileChannel channel = ReadChannels.open(path, settings);
        try {
            long size = channel.size();
            if (size == 0) {
                throw new DataFileException(path, "empty file (0 bytes), not a valid .npy array");
            }
            ReadCounter counter = new ReadCounter();
            ChannelRegion region = new ChannelRegion(channel, 0, size, counter, path, "");
            return new NpySampleFile(path, channel, counter, NpyArrayReader.open(region, settings, pool, path, ""));
        } catch (Throwable e) { // Errors too: the channel must not leak
            Closeables.closeAfterFailure(e, channel);
            throw e;
        }
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public int sampleCount() {
        return array.sampleCount();
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public void read(int first, int count, SampleSink sink) throws IOException {
        array.read(first, count, sink, 0);
    }

    @Override
    public long bytesRead() {
        return counter.bytes();
    }

    @Override
    public long retainedBytes() {
        return array.retainedBytes();
    }

    /** The parsed header, for inspection and tests. */
    NpyHeader header() {
        return array.header();
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            array.close();
        }
    }
}
