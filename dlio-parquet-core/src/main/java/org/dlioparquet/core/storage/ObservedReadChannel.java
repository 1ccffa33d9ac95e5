package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A data file's channel that tells a {@link ReadObserver} about every read and the close; every
 * call goes to the channel it wraps. Memory mappings are passed through unobserved.
 */
final class ObservedReadChannel extends FileChannel {
    private final FileChannel delegate;
    private final ReadObserver observer;
    private final long handle;

    ObservedReadChannel(FileChannel delegate, ReadObserver observer, long handle) {
        this.delegate = delegate;
        this.observer = observer;
        this.handle = handle;
    }

    @Override
    public int read(ByteBuffer dst, long pos) throws IOException {
        int length = dst.remaining();
        observer.reading(handle, pos, length);
        long t0 = System.nanoTime();
        int n = delegate.read(dst, pos);
        observer.read(handle, true, pos, length, n, t0, System.nanoTime());
        return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        long pos = delegate.position();
        int length = dst.remaining();
        observer.reading(handle, pos, length);
        long t0 = System.nanoTime();
        int n = delegate.read(dst);
        observer.read(handle, false, pos, length, n, t0, System.nanoTime());
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return PositionalReadChannel.scatter(this, dsts, offset, length);
    }

    @Override
    public long transferTo(long pos, long count, WritableByteChannel target) throws IOException {
        int length = (int) Math.min(count, Integer.MAX_VALUE);
        observer.reading(handle, pos, length);
        long t0 = System.nanoTime();
        long n = delegate.transferTo(pos, count, target);
        observer.read(handle, true, pos, length, (int) n, t0, System.nanoTime());
        return n;
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return delegate.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return delegate.write(srcs, offset, length);
    }

    @Override
    public int write(ByteBuffer src, long pos) throws IOException {
        return delegate.write(src, pos);
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        delegate.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        delegate.force(metaData);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long pos, long count) throws IOException {
        return delegate.transferFrom(src, pos, count);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long pos, long size) throws IOException {
        return delegate.map(mode, pos, size);
    }

    @Override
    public FileLock lock(long pos, long size, boolean shared) throws IOException {
        return delegate.lock(pos, size, shared);
    }

    @Override
    public FileLock tryLock(long pos, long size, boolean shared) throws IOException {
        return delegate.tryLock(pos, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        long t0 = System.nanoTime();
        try {
            delegate.close();
        } finally {
            observer.closed(handle, t0, System.nanoTime());
        }
    }
}
