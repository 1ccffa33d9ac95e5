package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A read-only {@link FileChannel} built on one positional read: subclasses give
 * {@link #read(ByteBuffer, long)}, {@link #size()}, locking, mapping and closing; the channel's own
 * position, scattering reads and {@code transferTo} are served from the positional read here, and
 * every write is refused.
 */
abstract class PositionalReadChannel extends FileChannel {
    private long position;

    @Override
    public abstract int read(ByteBuffer dst, long pos) throws IOException;

    @Override
    public final int read(ByteBuffer dst) throws IOException {
        int n = read(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public final long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return scatter(this, dsts, offset, length);
    }

    /** A scattering read as a sequence of {@code channel}'s plain reads, stopping at a short one. */
    static long scatter(FileChannel channel, ByteBuffer[] dsts, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            int n = channel.read(dsts[i]);
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
    public final long position() {
        return position;
    }

    @Override
    public final FileChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position");
        }
        position = newPosition;
        return this;
    }

    @Override
    public final long transferTo(long pos, long count, WritableByteChannel target) throws IOException {
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
    public final int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public final long write(ByteBuffer[] srcs, int offset, int length) {
        throw new NonWritableChannelException();
    }

    @Override
    public final int write(ByteBuffer src, long pos) {
        throw new NonWritableChannelException();
    }

    @Override
    public final FileChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public final void force(boolean metaData) {
        // read-only: nothing to force
    }

    @Override
    public final long transferFrom(ReadableByteChannel src, long pos, long count) {
        throw new NonWritableChannelException();
    }
}
