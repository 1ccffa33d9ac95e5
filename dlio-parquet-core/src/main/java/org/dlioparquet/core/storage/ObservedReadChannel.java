package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A data file's channel that tells a {@link ReadObserver} about every read and the close; every
 * call goes to the channel it wraps. Memory mappings are passed through unobserved.
 */
final class ObservedReadChannel extends ForwardingFileChannel implements ReadWindow {
    private final ReadObserver observer;
    private final long handle;

    ObservedReadChannel(FileChannel delegate, ReadObserver observer, long handle) {
        super(delegate);
        this.observer = observer;
        this.handle = handle;
    }

    @Override
    public int read(ByteBuffer dst, long pos) throws IOException {
        int length = dst.remaining();
        observer.reading(handle, pos, length);
        long t0 = System.nanoTime();
        int n = file.read(dst, pos);
        observer.read(handle, true, pos, length, n, t0, System.nanoTime());
        return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        long pos = file.position();
        int length = dst.remaining();
        observer.reading(handle, pos, length);
        long t0 = System.nanoTime();
        int n = file.read(dst);
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
        long n = file.transferTo(pos, count, target);
        observer.read(handle, true, pos, length, (int) n, t0, System.nanoTime());
        return n;
    }

    @Override
    public void readWindow(long from, long to) throws IOException {
        ReadWindow.tell(file, from, to);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        long t0 = System.nanoTime();
        try {
            file.close();
        } finally {
            observer.closed(handle, t0, System.nanoTime());
        }
    }
}
