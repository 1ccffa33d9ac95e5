package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import org.dlioparquet.core.spi.ObjectWriter;

/**
 * An {@link ObjectWriter} as a write-only {@link FileChannel} with a file's meaning of close: the
 * object appears, whole, when the channel closes. Writers that must not publish a failed object
 * (generation) use {@link AtomicFiles}, which publishes only on success.
 */
final class ObjectWriterChannel extends FileChannel {
    private final ObjectWriter object;
    private final String name;

    ObjectWriterChannel(ObjectWriter object, String name) {
        this.object = object;
        this.name = name;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return object.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
        }
        return total;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        if (position != object.position()) {
            throw new IOException(name + ": objects are written front to back");
        }
        return write(src);
    }

    @Override
    public long position() throws IOException {
        return object.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        object.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return object.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        object.truncate(size);
        return this;
    }

    /** An object store's upload is durable once complete; nothing to force before. */
    @Override
    public void force(boolean metaData) {
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        throw new IOException(name + ": open for writing only");
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        throw new IOException(name + ": open for writing only");
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        throw new IOException(name + ": open for writing only");
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        throw new IOException(name + ": open for writing only");
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(count, 1 << 16));
        long done = 0;
        while (done < count) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
            int n = src.read(buffer);
            if (n <= 0) {
                break;
            }
            buffer.flip();
            done += write(buffer, position + done);
        }
        return done;
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        throw new IOException(name + ": memory mapping needs a local file");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        throw new IOException(name + ": locking needs a local file");
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        throw new IOException(name + ": locking needs a local file");
    }

    @Override
    protected void implCloseChannel() throws IOException {
        try (ObjectWriter w = object) {
            w.publish(false);
        }
    }
}
