package org.dlioparquet.core.format.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import org.dlioparquet.core.format.npy.ReadCounter;

/**
 * The view jHDF reads the file through: every byte it reads (metadata, chunks) is counted, and a
 * budget per jHDF call stops the loops that damaged metadata sends it into (an object header
 * continuation that points back to itself is read again and again).
 */
final class CountingChannel implements SeekableByteChannel {
    private final FileChannel file;
    private final ReadCounter counter;
    private long position;
    private long budget = Long.MAX_VALUE;
    private boolean exhausted;

    CountingChannel(FileChannel file, ReadCounter counter) {
        this.file = file;
        this.counter = counter;
    }

    /** Allows {@code bytes} more bytes of reads, until the next call. */
    void budget(long bytes) {
        budget = bytes;
        exhausted = false;
    }

    /** Whether the last budget ran out. */
    boolean exhausted() {
        return exhausted;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (dst.remaining() > budget) {
            exhausted = true;
            throw new IOException("read budget exhausted");
        }
        int n = file.read(dst, position);
        if (n > 0) {
            budget -= n;
        }
        if (n > 0) {
            position += n;
            counter.add(n);
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        return file.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public void close() {
        // the owner closes the file
    }
}
