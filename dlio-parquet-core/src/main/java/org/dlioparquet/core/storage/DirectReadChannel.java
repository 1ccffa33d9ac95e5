package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A read-only {@link FileChannel} over a file opened with O_DIRECT. O_DIRECT needs the buffer
 * address, file offset and length aligned to the device block; callers read at any offset into
 * any buffer, so reads go through an aligned bounce buffer (one copy, as the kernel's page cache
 * would have done) unless the request is already aligned, which is then read straight into the
 * caller's buffer. The bounce buffer is borrowed from a pool and given back on close.
 *
 * <p>Without the page cache every unaligned read would be a device round trip of its own: a file
 * format's header, a value's few bytes past a block boundary. So a bounced read fills the whole
 * bounce buffer (the reader's {@code transfer_size}) from the aligned start, one request, and
 * later reads that fall inside what it holds are served from it until another bounced read
 * replaces it: a 1 MiB NPZ member or a Parquet page costs one request, not one per piece.
 *
 * <p>With read-ahead, a fill that read a whole bounce buffer short of the file's end starts the
 * read of the next one on a helper thread, into a second buffer, so the device works while the
 * reader decodes: two requests in flight per reader thread, as {@code fio --iodepth=2} has. The
 * next fill of that range takes the buffer instead of reading; any other fill waits for it first,
 * so no read outlives the buffers it writes into.
 */
final class DirectReadChannel extends PositionalReadChannel {
    private final FileChannel direct;
    private final int block;
    private final DirectBufferPool pool;
    /** Guards the bounce buffer, which close gives back to the pool. */
    private final Object bounceLock = new Object();
    /** As taken from the pool; {@code null} once closed. */
    private ByteBuffer taken;
    /** Aligned part of {@link #taken}, a whole number of blocks. */
    private ByteBuffer bounce;
    /** File range the bounce buffer holds: [{@code heldStart}, {@code heldStart + heldBytes}). */
    private long heldStart;
    private int heldBytes;
    /** Runs read-aheads; {@code null} without read-ahead. */
    private final ExecutorService readAhead;
    /** The read-ahead buffer as taken from the pool, and its aligned part; {@code null} until needed. */
    private ByteBuffer aheadTaken;
    private ByteBuffer ahead;
    /** The read in flight into {@link #ahead}, of the range starting at {@link #aheadStart}, or {@code null}. */
    private Future<Integer> pending;
    private long aheadStart;
    /** The file's size, read once. */
    private long size = -1;

    DirectReadChannel(FileChannel direct, int blockSize, int bounceBytes, DirectBufferPool pool) {
        this(direct, blockSize, bounceBytes, pool, null);
    }

    /** @param readAhead runs the read of the next bounce buffer while this one is used; {@code null} for none */
    DirectReadChannel(FileChannel direct, int blockSize, int bounceBytes, DirectBufferPool pool,
                      ExecutorService readAhead) {
        this.direct = direct;
        this.block = blockSize;
        this.pool = pool;
        this.readAhead = readAhead;
        int capacity = Math.max(blockSize, (bounceBytes / blockSize) * blockSize);
        this.taken = pool.take(capacity + blockSize);
        this.bounce = taken.alignedSlice(blockSize).limit(capacity).slice();
    }

    int blockSize() {
        return block;
    }

    @Override
    public int read(ByteBuffer dst, long pos) throws IOException {
        if (pos < 0) {
            throw new IllegalArgumentException("negative position");
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (isAligned(dst, pos)) {
            return direct.read(dst, pos);
        }
        synchronized (bounceLock) {
            if (taken == null) {
                throw new ClosedChannelException();
            }
            return bounced(dst, pos);
        }
    }

    private boolean isAligned(ByteBuffer dst, long pos) {
        return dst.isDirect() && pos % block == 0 && dst.remaining() % block == 0
                && dst.alignmentOffset(dst.position(), block) == 0;
    }

    private int bounced(ByteBuffer dst, long pos) throws IOException {
        int total = 0;
        while (dst.hasRemaining()) {
            long at = pos + total;
            if (at < heldStart || at >= heldStart + heldBytes) {
                if (!fill(at)) {
                    break;
                }
            }
            int skip = (int) (at - heldStart);
            int take = Math.min(heldBytes - skip, dst.remaining());
            bounce.limit(skip + take).position(skip);
            dst.put(bounce);
            total += take;
            if (heldBytes < bounce.capacity() && at + take >= heldStart + heldBytes) {
                break; // end of file
            }
        }
        return total == 0 ? -1 : total;
    }

    /** Reads the whole bounce buffer from the block holding {@code at}; false at the end of the file. */
    private boolean fill(long at) throws IOException {
        long start = at - at % block;
        Integer readAhead = takeReadAhead(start);
        int n;
        if (readAhead != null) {
            ByteBuffer read = ahead; // the buffers swap: the one just used takes the next read-ahead
            ahead = bounce;
            bounce = read;
            ByteBuffer readTaken = aheadTaken;
            aheadTaken = taken;
            taken = readTaken;
            n = readAhead;
        } else {
            bounce.clear();
            n = direct.read(bounce, start);
        }
        heldStart = start;
        heldBytes = Math.max(0, n);
        if (heldBytes == bounce.capacity()) {
            startReadAhead(start + heldBytes);
        }
        return heldBytes > at - start;
    }

    /**
     * What the read-ahead read when it read the range at {@code start}, or {@code null} when none
     * did (or it failed: the caller reads the range again and meets the failure itself). Waits for
     * a read-ahead of another range to end, so that its buffer is free.
     */
    private Integer takeReadAhead(long start) {
        if (pending == null) {
            return null;
        }
        Future<Integer> read = pending;
        pending = null;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    Integer n = read.get();
                    return aheadStart == start ? n : null;
                } catch (InterruptedException e) {
                    interrupted = true; // the read takes a millisecond; its buffer must not be reused before
                } catch (ExecutionException e) {
                    return null;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void startReadAhead(long next) throws IOException {
        if (readAhead == null) {
            return;
        }
        if (size < 0) {
            size = direct.size();
        }
        if (next >= size) {
            return;
        }
        if (ahead == null) {
            aheadTaken = pool.take(taken.capacity());
            ahead = aheadTaken.alignedSlice(block).limit(bounce.capacity()).slice();
        }
        ByteBuffer into = ahead.clear();
        aheadStart = next;
        pending = readAhead.submit(() -> direct.read(into, next));
    }

    @Override
    public long size() throws IOException {
        return direct.size();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long pos, long size) throws IOException {
        throw new IOException("memory mapping bypasses O_DIRECT; not supported on a direct channel");
    }

    @Override
    public FileLock lock(long pos, long size, boolean shared) throws IOException {
        return direct.lock(pos, size, shared);
    }

    @Override
    public FileLock tryLock(long pos, long size, boolean shared) throws IOException {
        return direct.tryLock(pos, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        synchronized (bounceLock) {
            takeReadAhead(-1); // the read in flight ends before its buffer goes back to the pool
        }
        try {
            direct.close();
        } finally {
            synchronized (bounceLock) {
                pool.give(taken);
                if (aheadTaken != null) {
                    pool.give(aheadTaken);
                }
                taken = null;
                bounce = null;
                aheadTaken = null;
                ahead = null;
            }
        }
    }
}
