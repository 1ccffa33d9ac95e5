package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.dlioparquet.core.spi.ObjectReader;

/** A local file open for positional reads: today's channel ({@link ReadChannels}), counted. */
final class LocalObjectReader implements ObjectReader {
    private final CountingFileChannel channel;

    LocalObjectReader(FileChannel file) {
        this.channel = new CountingFileChannel(file);
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return channel.read(dst, position);
    }

    @Override
    public long bytesFetched() {
        return channel.bytes();
    }

    @Override
    public long requests() {
        return channel.reads();
    }

    /** The counting channel itself: one forwarding call between a reader and the file. */
    @Override
    public FileChannel asFileChannel() {
        return channel;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
