package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import org.dlioparquet.core.spi.ObjectReader;

/**
 * A remote object as a read-only {@link FileChannel}, so that readers written against local
 * channels (positional reads and {@code size()}) read it unchanged. Memory mapping and locks need
 * a local file and are refused.
 */
public final class ObjectReaderChannel extends PositionalReadChannel {
    private final ObjectReader object;
    private final String name;

    /** @param name the object's name, for messages */
    public ObjectReaderChannel(ObjectReader object, String name) {
        this.object = object;
        this.name = name;
    }

    @Override
    public int read(ByteBuffer dst, long pos) throws IOException {
        if (pos < 0) {
            throw new IllegalArgumentException("negative position");
        }
        return object.read(dst, pos);
    }

    /** Starts fetching {@code [position, position + length)}, which will be read soon (see {@link ObjectReader#prefetch}). */
    public void prefetch(long position, long length) throws IOException {
        object.prefetch(position, length);
    }

    @Override
    public long size() throws IOException {
        return object.size();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long pos, long size) throws IOException {
        throw new IOException(name + ": memory mapping needs a local file");
    }

    @Override
    public FileLock lock(long pos, long size, boolean shared) throws IOException {
        throw new IOException(name + ": locking needs a local file");
    }

    @Override
    public FileLock tryLock(long pos, long size, boolean shared) throws IOException {
        throw new IOException(name + ": locking needs a local file");
    }

    @Override
    protected void implCloseChannel() throws IOException {
        object.close();
    }
}
