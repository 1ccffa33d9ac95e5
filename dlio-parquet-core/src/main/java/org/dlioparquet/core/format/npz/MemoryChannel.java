package org.dlioparquet.core.format.npz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A seekable channel over memory that a writer thread keeps from file to file: {@link #clear()}
 * empties it without freeing, and it grows only when a write goes past its capacity. It replaces
 * commons-compress's {@code SeekableInMemoryByteChannel}, which copies its whole array on every
 * write that appends: a ZIP of 1 MiB written in a dozen pieces made a dozen 2 MiB arrays per file,
 * and the garbage collections they caused took 90% of a generation of 1 MiB files. Direct memory,
 * so that handing the bytes to a {@code FileChannel} copies them once, not twice.
 */
final class MemoryChannel implements SeekableByteChannel {
    private static final int INITIAL_CAPACITY = 64 << 10;

    private ByteBuffer data = ByteBuffer.allocateDirect(INITIAL_CAPACITY);
    private int size;
    private int position;
    private boolean open = true;
    private int allocations = 1;

    /** Empties the channel for the next file, keeping its memory. */
    void clear() {
        size = 0;
        position = 0;
        open = true;
    }

    /** The bytes written, from 0 to {@link #size()}, as a buffer of its own position and limit. */
    ByteBuffer contents() {
        return data.duplicate().position(0).limit(size);
    }

    /** Bytes this channel holds memory for. */
    int capacity() {
        return data.capacity();
    }

    /** Buffers allocated so far, the first included. */
    int allocations() {
        return allocations;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ensureOpen();
        int n = src.remaining();
        long end = (long) position + n;
        if (end > Integer.MAX_VALUE - 8) {
            throw new IOException("in-memory file would exceed 2 GiB");
        }
        if (end > data.capacity()) {
            grow((int) end);
        }
        for (int i = size; i < position; i++) {
            data.put(i, (byte) 0); // a gap after a seek past the end reads as zeros, not as an older file's bytes
        }
        data.put(position, src, src.position(), n);
        src.position(src.position() + n);
        position += n;
        size = Math.max(size, position);
        return n;
    }

    private void grow(int needed) {
        long capacity = data.capacity();
        while (capacity < needed) {
            capacity *= 2;
        }
        ByteBuffer larger = ByteBuffer.allocateDirect((int) Math.min(capacity, Integer.MAX_VALUE - 8));
        larger.put(0, data, 0, size);
        data = larger;
        allocations++;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (position >= size) {
            return -1;
        }
        int n = Math.min(dst.remaining(), size - position);
        dst.put(dst.position(), data, position, n);
        dst.position(dst.position() + n);
        position += n;
        return n;
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0 || newPosition > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("position " + newPosition + " outside 0.." + (Integer.MAX_VALUE - 8));
        }
        position = (int) newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) throws IOException {
        ensureOpen();
        if (newSize < 0) {
            throw new IllegalArgumentException("negative size " + newSize);
        }
        size = (int) Math.min(size, newSize);
        position = Math.min(position, size);
        return this;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
