package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.LongAdder;

/**
 * A read-only {@link FileChannel} over a file opened with O_DIRECT. O_DIRECT needs the buffer
 * address, file offset and length aligned to the device block; callers read at any offset into
 * any buffer, so reads go through aligned bounce buffers (one copy, as the kernel's page cache
 * would have done) unless the request is already aligned, which is then read straight into the
 * caller's buffer. Bounce buffers are borrowed from a pool when first needed and given back on close.
 *
 * <p>Without the page cache every unaligned read would be a device round trip of its own: a file
 * format's header, a value's few bytes past a block boundary. So a bounced read fills a whole
 * bounce range (the reader's {@code transfer_size}) from the aligned start, one request, and later
 * reads that fall inside a range kept are served from it. {@value #KEPT_RANGES} ranges are kept, the
 * least recently used replaced: formats read a file's end (a ZIP directory, a Parquet footer) and
 * then its start, and values straddle range boundaries, so with one range a one-sample NPZ file of
 * a little over 1 MiB cost three requests (end, start, end again). A range whose file ends at most a
 * quarter range past it reaches the file's end, and a file no longer than that is read whole by
 * its first read: one request for such an NPZ file, whichever end is read first, as a plain
 * reader of the whole file makes (a small request of its own costs a device round trip, and a
 * virtio disk serves one request of a megabyte at a time).
 *
 * <p>With read-ahead, a range read past its middle asks for the next {@value #AHEAD_RANGES} ranges
 * of the file on the reader thread's {@link ReadLane}, so the device works while the reader thread
 * copies and decodes; one more than the lane keeps in flight, so that the next read starts as one
 * ends, before the reader thread moves on; a first read that is not at the file's
 * start (a format reading its end first) reads the start ahead meanwhile; a file opened ahead of
 * its reader has its start and its last block read ahead ({@link #readAheadStart}). The reader
 * thread reads itself only what was not read ahead. Ranges read ahead are kept beside the others
 * until used.
 *
 * <p>A reader may say which bytes it reads next ({@link #readWindow}); with read-ahead the first
 * of them are read ahead at once. When other reader threads read the file's other parts (said at
 * open: DLIO deals consecutive batches to different reader threads; or seen when the reader jumps
 * ahead, to a window starting past the last one's end or past the file's first range), its ranges
 * reach no further than its window's end (rounded to a block), so that it does not fetch what
 * another thread reads. A lone reader reading window after window front to back is left to read
 * ahead across their ends.
 *
 * <p>Every device request and the bytes it returned are counted ({@link #requests()},
 * {@link #bytesFetched()}), and added to a {@link StorageTraffic} on close: the bytes really
 * fetched, where a format's own count is of the bytes it asked for.
 */
final class DirectReadChannel extends PositionalReadChannel implements ReadWindow {
    /** Ranges kept without read-ahead: a file's end and where it is being read. */
    static final int KEPT_RANGES = 2;
    /** Ranges asked for ahead of the one in use, with read-ahead: one more than a lane keeps in flight. */
    static final int AHEAD_RANGES = 3;

    private final FileChannel direct;
    private final int block;
    /** Bytes of each range, a whole number of blocks. */
    private final int rangeBytes;
    /** The longest range: {@link PartLengths#longest} of a range, in whole blocks. */
    private final int longestBytes;
    private final DirectBufferPool pool;
    /** Runs the read-aheads; {@code null} without read-ahead. */
    private final Executor lane;
    /** Where the counts go on close; {@code null} for nowhere. */
    private final StorageTraffic traffic;
    /** Guards the ranges, which close gives back to the pool. */
    private final Object lock = new Object();
    private final Range[] ranges;
    /** Ticks at every use of a range, for least-recently-used replacement. */
    private long clock;
    /** Set on close; read-aheads not started yet then read nothing. */
    private volatile boolean closed;
    /** Whether any read was made yet: the first may start a read-ahead of the file's start. */
    private boolean touched;
    /** The range the reader thread's last miss filled, and where that fill started (the range may hold another since). */
    private Range lastMiss;
    private long lastMissStart;
    /** The file's size, read when first needed and again at its end. */
    private long size = -1;
    /** The reader's window ({@link #readWindow}): its first block and its end; none while the end is 0. */
    private long windowStart;
    private long windowEnd;
    /**
     * Whether ranges end with the reader's windows: other reader threads read the file's other
     * parts (said when opened, or seen when the reader jumped ahead between windows).
     */
    private boolean striding;
    private final LongAdder requests = new LongAdder();
    private final LongAdder bytesFetched = new LongAdder();

    DirectReadChannel(FileChannel direct, int blockSize, int bounceBytes, DirectBufferPool pool) {
        this(direct, blockSize, bounceBytes, pool, null, null, false);
    }

    /**
     * @param readAhead runs the reads ahead of the reader thread (a {@link ReadLane}: as many reads
     *                  in flight as its width); {@code null} for none
     * @param traffic   where the requests and bytes this channel fetched are added when it closes, or {@code null}
     * @param shared    other reader threads read the file's other parts: ranges end with the reader's windows
     */
    DirectReadChannel(FileChannel direct, int blockSize, int bounceBytes, DirectBufferPool pool, Executor readAhead,
                      StorageTraffic traffic, boolean shared) {
        this.striding = shared;
        this.direct = direct;
        this.block = blockSize;
        this.pool = pool;
        this.lane = readAhead;
        this.traffic = traffic;
        this.rangeBytes = Math.max(blockSize, (bounceBytes / blockSize) * blockSize);
        this.longestBytes = (int) roundUp(PartLengths.longest(rangeBytes));
        this.ranges = new Range[readAhead == null ? KEPT_RANGES : KEPT_RANGES + AHEAD_RANGES];
        for (int i = 0; i < ranges.length; i++) {
            ranges[i] = new Range();
        }
    }

    int blockSize() {
        return block;
    }

    /** Read requests made to the device so far (read-aheads included). */
    long requests() {
        return requests.sum();
    }

    /** Bytes the device returned so far (read-aheads included, used or not). */
    long bytesFetched() {
        return bytesFetched.sum();
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
            return counted(direct.read(dst, pos));
        }
        synchronized (lock) {
            if (closed) {
                throw new ClosedChannelException();
            }
            return bounced(dst, pos);
        }
    }

    private boolean isAligned(ByteBuffer dst, long pos) {
        return dst.isDirect() && pos % block == 0 && dst.remaining() % block == 0
                && dst.alignmentOffset(dst.position(), block) == 0;
    }

    private int counted(int n) {
        requests.increment();
        if (n > 0) {
            bytesFetched.add(n);
        }
        return n;
    }

    private int bounced(ByteBuffer dst, long pos) throws IOException {
        if (!touched) {
            touched = true;
            if (lane != null && pos >= rangeBytes) {
                readAhead(0, null); // the format reads the file's end first, its start next
            }
        }
        int total = 0;
        while (dst.hasRemaining()) {
            long at = pos + total;
            Range r = holding(at);
            if (r == null) {
                if (pastEnd(at)) {
                    break;
                }
                r = fill(at);
            }
            int skip = (int) (at - r.start);
            if (skip >= r.bytes) {
                break; // end of file
            }
            int take = Math.min(r.bytes - skip, dst.remaining());
            r.buffer.limit(skip + take).position(skip);
            dst.put(r.buffer);
            total += take;
            r.used += take;
            r.lastUse = ++clock;
            if (r.bytes == rangeBytes && skip + take > rangeBytes / 2) {
                readAheadAfter(r); // read on into the range: the next ones will be wanted
            } else if (r.bytes < r.asked && skip + take == r.bytes) {
                break; // end of file
            }
        }
        return total == 0 ? -1 : total;
    }

    /** The range that holds {@code at} (waiting for a read-ahead of it to end), or {@code null}. */
    private Range holding(long at) {
        for (Range r : ranges) {
            if (r.pending != null && at >= r.start && at < r.start + r.asked) {
                settle(r);
            }
            if (r.pending == null && r.bytes > 0 && at >= r.start && at < r.start + r.bytes) {
                return r;
            }
        }
        return null;
    }

    /**
     * Reads the range starting at the block that holds {@code at} (at the file's start when the
     * whole file fits in one: one request for a small file, whichever end its format reads first),
     * replacing the least recently used; only that block when the reads are {@link #scattered}.
     */
    private Range fill(long at) throws IOException {
        long start = fileSize() <= longestBytes ? 0 : at - at % block;
        boolean scattered = scattered(at); // before the range it looks at is replaced
        Range r = replaceable(null, true);
        int length = scattered ? block : lengthAt(start, r);
        ByteBuffer into = r.prepare();
        r.start = start;
        r.asked = length;
        r.bytes = 0;
        r.bytes = Math.max(0, counted(direct.read(into.limit(length), start)));
        r.lastUse = ++clock;
        lastMiss = r;
        lastMissStart = start;
        return r;
    }

    /**
     * Bytes a range starting at {@code start} asks for: {@link #rangeBytes}, or up to where the bytes
     * wanted end or a range kept begins (whole blocks) when {@link PartLengths#next} says it rides
     * along, so that a file's last few blocks do not cost a request of their own. {@code replaced}
     * is the range the new one replaces, whose bytes are not kept.
     */
    private int lengthAt(long start, Range replaced) throws IOException {
        long end = endFor(start);
        for (Range r : ranges) {
            if (r != replaced && (r.pending != null || r.bytes > 0) && r.start > start && r.start < end) {
                end = r.start; // held already (the file's last block, read first for a footer)
            }
        }
        return (int) Math.max(block, roundUp(PartLengths.next(end - start, rangeBytes)));
    }

    /** {@code bytes} rounded up to whole blocks. */
    private long roundUp(long bytes) {
        return (bytes + block - 1) / block * block;
    }

    /**
     * Whether the reader thread's reads jump ahead from place to place using a few bytes of each,
     * as a format walking page headers to find a row does: a miss at {@code at}, past the end of the
     * range the last miss filled, of which less than a block was used. Filling whole ranges there
     * would fetch a range per header; a read that goes on past the block it needed misses right at
     * the block's end, which fills a whole range again.
     */
    private boolean scattered(long at) {
        return lastMiss != null && lastMiss.start == lastMissStart && at > lastMissStart + lastMiss.asked
                && lastMiss.used < block;
    }

    /** Starts reading ahead the ranges after {@code used}, unless they are kept or on their way already. */
    private void readAheadAfter(Range used) throws IOException {
        if (lane == null) {
            return;
        }
        for (int i = 1; i <= AHEAD_RANGES; i++) {
            long next = used.start + (long) i * rangeBytes;
            if (next >= endFor(used.start)) {
                return;
            }
            if (!readAhead(next, used)) {
                return;
            }
        }
    }

    /**
     * Starts reading the range at {@code start} on the lane, unless a range kept or on its way holds it.
     *
     * @param inUse a range not to replace
     * @return false when every range that could take it is in use
     */
    private boolean readAhead(long start, Range inUse) throws IOException {
        for (Range r : ranges) {
            if (start >= r.start && start < r.start + (r.pending != null ? r.asked : r.bytes)) {
                return true;
            }
        }
        Range r = replaceable(inUse, false);
        if (r == null) {
            return false;
        }
        int length = lengthAt(start, r);
        ByteBuffer into = r.prepare().limit(length);
        r.start = start;
        r.asked = length;
        r.bytes = 0;
        r.lastUse = ++clock; // read for a coming use: replaced after ranges already used
        FutureTask<Integer> read = new FutureTask<>(() -> closed ? -1 : counted(direct.read(into, start)));
        r.pending = read;
        lane.execute(read);
        return true;
    }

    /**
     * The range to fill next: an unused one, else the least recently used that no read is filling
     * and that is neither {@code keep} nor a range past it (read ahead, not used yet); {@code null}
     * when none is free, unless {@code forReader}: the reader thread's own fill then waits for the
     * oldest read-ahead and takes its range.
     */
    private Range replaceable(Range keep, boolean forReader) {
        Range best = null;
        for (Range r : ranges) {
            if (r.pending != null || r == keep) {
                continue;
            }
            if (r.buffer == null) {
                return r;
            }
            if (keep != null && r.start > keep.start) {
                continue;
            }
            if (best == null || r.lastUse < best.lastUse) {
                best = r;
            }
        }
        if (best == null && forReader) {
            settle(oldestPending());
            return replaceable(null, true);
        }
        return best;
    }

    private Range oldestPending() {
        Range oldest = null;
        for (Range r : ranges) {
            if (r.pending != null && (oldest == null || r.lastUse < oldest.lastUse)) {
                oldest = r;
            }
        }
        return oldest;
    }

    /**
     * Waits for the read-ahead into {@code r} to end and takes what it read; a failed one leaves the
     * range empty, and the reader thread reads it again and meets the failure itself.
     */
    private static void settle(Range r) {
        Future<Integer> read = r.pending;
        r.pending = null;
        r.bytes = Math.max(0, await(read));
        r.used = 0;
    }

    /** What {@code read} returned, {@code -1} if it failed; waits through interrupts (a read takes a millisecond). */
    private static int await(Future<Integer> read) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return read.get();
                } catch (InterruptedException e) {
                    interrupted = true; // its buffer must not be reused or given back before it ends
                } catch (ExecutionException e) {
                    return -1;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Where the bytes wanted from a range at {@code start} end: the reader's window's end (whole
     * blocks) for a range in the window, else the file's end.
     */
    private long endFor(long start) throws IOException {
        long end = fileSize();
        if (striding && start >= windowStart && start < windowEnd) {
            end = Math.min(end, roundUp(windowEnd));
        }
        return end;
    }

    @Override
    public void readWindow(long from, long to) throws IOException {
        synchronized (lock) {
            if (closed || to <= from) {
                return;
            }
            touched = true; // the reader says where it reads: no guess at the file's start is read ahead
            striding |= windowEnd > 0 ? from > windowEnd : from >= rangeBytes;
            windowStart = from - from % block;
            windowEnd = to;
            if (lane == null) {
                return;
            }
            for (int i = 0; i < AHEAD_RANGES; i++) {
                long start = windowStart + (long) i * rangeBytes;
                if (start >= endFor(windowStart) || !readAhead(start, null)) {
                    return;
                }
            }
        }
    }

    /** Whether {@code at} is at or past the file's end: a read there needs no request. */
    private boolean pastEnd(long at) throws IOException {
        if (at < fileSize()) {
            return false;
        }
        size = direct.size(); // it may have grown since it was read
        return at >= size;
    }

    private long fileSize() throws IOException {
        if (size < 0) {
            size = direct.size();
        }
        return size;
    }

    /**
     * Starts reading the file's first range and, when the file is longer, the range of its last
     * block: what formats read first (a header, a footer or directory). For a file opened ahead of
     * the reader thread that will read it; does nothing without read-ahead or once read.
     */
    void readAheadStart() throws IOException {
        synchronized (lock) {
            if (lane == null || touched || closed) {
                return;
            }
            touched = true;
            long length = fileSize();
            if (length > 0) {
                readAhead(0, null);
            }
            if (length > longestBytes) {
                readAhead((length - 1) - (length - 1) % block, null);
            }
        }
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
        closed = true;
        synchronized (lock) {
            for (Range r : ranges) {
                if (r.pending != null) {
                    settle(r); // the read in flight ends before its buffer goes back to the pool
                }
            }
        }
        try {
            direct.close();
        } finally {
            synchronized (lock) {
                for (Range r : ranges) {
                    r.release();
                }
            }
            if (traffic != null) {
                traffic.add(requests(), bytesFetched());
            }
        }
    }

    /** A bounce range: its buffer, the file bytes it holds, and the read-ahead filling it, if any. */
    private final class Range {
        /** As taken from the pool, and its aligned part; {@code null} until first needed. */
        ByteBuffer taken;
        ByteBuffer buffer;
        /**
         * File range held: [{@code start}, {@code start + bytes}); bytes 0 when none. Fewer bytes than
         * {@code asked} (a range, or a block) means the file ends there.
         */
        long start = -1;
        int bytes;
        int asked;
        /** Bytes served from it since it was filled. */
        int used;
        long lastUse;
        /** The read-ahead filling the buffer, or {@code null}. */
        Future<Integer> pending;

        /** The buffer, cleared for a fill. */
        ByteBuffer prepare() {
            used = 0;
            if (buffer == null) {
                taken = pool.take(longestBytes + block);
                buffer = taken.alignedSlice(block).limit(longestBytes).slice();
            }
            return buffer.clear();
        }

        void release() {
            if (taken != null) {
                pool.give(taken);
            }
            taken = null;
            buffer = null;
            bytes = 0;
        }
    }
}
