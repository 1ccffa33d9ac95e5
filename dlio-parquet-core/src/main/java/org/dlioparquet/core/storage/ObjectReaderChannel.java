package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import org.dlioparquet.core.spi.ObjectReader;

/**
 * A remote object as a read-only {@link FileChannel}, so that readers written against local
 * channels (positional reads and {@code size()}) read it unchanged. Memory mapping and locks need
 * a local file and are refused.
 */
public final class ObjectReaderChannel extends FileChannel {
    private final ObjectReader object;
    private final String name;
    private long position;

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

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = read(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            int n = read(dsts[i]);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
            if (dsts[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public FileChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        return object.size();
    }

    @Override
    public long transferTo(long pos, long count, WritableByteChannel target) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(Math.max(count, 1), 1 << 20));
        long done = 0;
        while (done < count) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), count - done));
            int n = read(chunk, pos + done);
            if (n <= 0) {
                break;
            }
            chunk.flip();
            while (chunk.hasRemaining()) {
                target.write(chunk);
            }
            done += n;
        }
        return done;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer src, long pos) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) {
        // read-only: nothing to force
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long pos, long count) {
        throw new NonWritableChannelException();
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
