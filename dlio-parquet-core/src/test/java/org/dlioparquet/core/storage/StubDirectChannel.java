package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for a channel opened with O_DIRECT: reads the real file, counts positional reads, and
 * can refuse them with EINVAL as some file systems do after accepting the flag at open.
 */
final class StubDirectChannel extends FileChannel {
    private final FileChannel real;
    private final boolean refuseReads;
    volatile int positionalReads;
    /** Each positional read as "thread name@position", in the order they started, and the bytes it asked for. */
    final List<String> reads = new CopyOnWriteArrayList<>();
    final List<Integer> asked = new CopyOnWriteArrayList<>();
    /** Reads in progress right now, and the most there were at once. */
    final AtomicInteger reading = new AtomicInteger();
    final AtomicInteger peakReading = new AtomicInteger();
    /** How long each read takes beyond the real one. */
    volatile long readMillis;
    /** Bytes all reads returned. */
    final AtomicLong bytesReturned = new AtomicLong();
    /** A position whose reads fail as a device error would, or -1. */
    volatile long failAt = -1;

    StubDirectChannel(FileChannel real, boolean refuseReads) {
        this.real = real;
        this.refuseReads = refuseReads;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        positionalReads++;
        reads.add(Thread.currentThread().getName() + "@" + position);
        asked.add(dst.remaining());
        if (refuseReads) {
            throw new IOException("Invalid argument");
        }
        peakReading.accumulateAndGet(reading.incrementAndGet(), Math::max);
        try {
            if (readMillis > 0) {
                Thread.sleep(readMillis);
            }
            if (position == failAt) {
                throw new IOException("Input/output error");
            }
            int n = real.read(dst, position);
            bytesReturned.addAndGet(Math.max(0, n));
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            reading.decrementAndGet();
        }
    }

    @Override
    public long size() throws IOException {
        return real.size();
    }

    @Override
    protected void implCloseChannel() throws IOException {
        real.close();
    }

    @Override
    public int read(ByteBuffer dst) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int write(ByteBuffer src) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int write(ByteBuffer src, long position) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long position() {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileChannel position(long newPosition) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileChannel truncate(long size) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void force(boolean metaData) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) {
        throw new UnsupportedOperationException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) {
        throw new UnsupportedOperationException();
    }
}
