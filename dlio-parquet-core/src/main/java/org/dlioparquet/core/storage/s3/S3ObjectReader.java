package org.dlioparquet.core.storage.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.dlioparquet.core.spi.ObjectReader;
import org.dlioparquet.core.storage.ObjectReaderChannel;
import org.dlioparquet.core.storage.PartLengths;

/**
 * An S3 object open for positional reads, as ranged GETs into memory. A read that finds its bytes
 * already fetched costs no request; one that misses fetches from its position up to
 * {@code s3_read_ahead} bytes further when it continues the previous read, 64 KiB when it starts
 * somewhere new (the last 64 KiB when it lies in them: a footer, its length and the end magic in
 * one GET; an object no larger than the window is fetched whole on its first miss), and a scan
 * that keeps reading front to back keeps the next window in flight. {@link #prefetch} fetches a caller's merged range (a Parquet row group) ahead.
 * Ranges longer than {@code s3_read_part_size} go as parts (the last one up to a quarter longer,
 * rather than a small part of its own), at most {@code s3_requests_in_flight}
 * at once for this object. Fetched ranges are dropped least recently used first once they hold
 * more than {@code s3_read_buffer} bytes (or the largest prefetch, whichever is larger).
 */
final class S3ObjectReader implements ObjectReader, S3Connection.ReadCounter {
    /** Bytes fetched past a read that starts somewhere new: enough for a footer or a header, not a window. */
    static final long FIRST_FETCH = 64 << 10;

    private final S3Connection connection;
    private final String bucket;
    private final String key;
    private final String name;
    private final long size;
    private final AtomicLong fetched = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    /** Fetched and in-flight ranges by start; guarded by {@code this}. */
    private final TreeMap<Long, Chunk> chunks = new TreeMap<>();
    private final ArrayDeque<Chunk> waiting = new ArrayDeque<>();
    private int running;
    private long buffered;
    private long bufferLimit;
    private long tick;
    /** End of the previous read, to see a front-to-back scan. */
    private long lastEnd = -1;
    private boolean closed;

    private static final class Chunk {
        final long start;
        final int length;
        /** Its bytes (in an array that may be longer); cancelled when dropped before they arrived. */
        final CompletableFuture<byte[]> data = new CompletableFuture<>();
        long lastUse;
        /** Reads copying from it now: its array goes back to the pool only when none is. */
        int readers;
        /** No longer in {@link #chunks}; the last reader gives its array back. */
        boolean dropped;
        /** Its array went back to the pool: never twice. */
        boolean recycled;

        Chunk(long start, int length) {
            this.start = start;
            this.length = length;
        }

        long end() {
            return start + length;
        }
    }

    S3ObjectReader(S3Connection connection, String bucket, String key, String name, long size, long headRequests) {
        this.connection = connection;
        this.bucket = bucket;
        this.key = key;
        this.name = name;
        this.size = size;
        this.bufferLimit = connection.settings.readBufferBytes();
        requests.addAndGet(headRequests);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("negative position");
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (position >= size) {
            return -1;
        }
        int want = (int) Math.min(dst.remaining(), size - position);
        long end = position + want;
        List<Chunk> covering;
        Chunk stolen;
        synchronized (this) {
            if (closed) {
                throw new ClosedChannelException();
            }
            S3Settings s = connection.settings;
            Chunk first = covering(position);
            if (first == null) {
                // an object within one read-ahead window is fetched whole on its first miss: readers
                // that look at its end first (a ZIP's directory, a Parquet footer) read the rest for free;
                // in a larger one a read that does not continue the last one fetches little past itself
                // (a Parquet magic or footer, one sample of an on-demand read), a continuing one a window
                boolean whole = chunks.isEmpty() && size <= s.readAheadBytes();
                boolean tail = !whole && position != lastEnd && position >= size - FIRST_FETCH;
                long from = whole ? 0 : tail ? Math.max(0, size - FIRST_FETCH) : position;
                long ahead = whole || position == lastEnd ? s.readAheadBytes() : Math.min(s.readAheadBytes(), FIRST_FETCH);
                schedule(Math.min(from, position), Math.max(end, Math.min(size, from + ahead)));
            } else {
                schedule(position, end);
            }
            if (s.readAheadBytes() > 0 && position == lastEnd) {
                readAhead(end - 1);
            }
            lastEnd = end;
            covering = chunksOver(position, end);
            for (Chunk c : covering) {
                c.readers++;
            }
            stolen = steal(covering);
            pump();
        }
        // this thread would only wait for a GET not yet started: it sends it itself, sparing a hand-off
        // to a fetch thread and back per miss (on a busy machine each costs a wait for a core)
        if (stolen != null) {
            fetch(stolen);
        }
        int copied = 0;
        try {
            for (Chunk c : covering) {
                byte[] bytes = await(c);
                long from = Math.max(position, c.start);
                int n = (int) (Math.min(end, c.end()) - from);
                dst.put(bytes, (int) (from - c.start), n);
                copied += n;
            }
        } finally {
            synchronized (this) {
                for (Chunk c : covering) {
                    c.readers--;
                    if (c.dropped) {
                        recycle(c);
                    }
                }
                evict(covering);
            }
        }
        return copied;
    }

    /** A scan that reached the last range fetched keeps the next window in flight. */
    private void readAhead(long lastByte) {
        Chunk c = covering(lastByte);
        if (c != null && c.end() < size && covering(c.end()) == null) {
            schedule(c.end(), Math.min(size, c.end() + connection.settings.readAheadBytes()));
        }
    }

    @Override
    public void prefetch(long position, long length) throws IOException {
        long from = Math.max(0, position);
        long to = Math.min(size, position + length);
        if (to <= from) {
            return;
        }
        synchronized (this) {
            if (closed) {
                throw new ClosedChannelException();
            }
            bufferLimit = Math.max(bufferLimit, to - from + connection.settings.readPartBytes());
            schedule(from, to);
            pump();
        }
    }

    /**
     * The whole object when it is at most {@code wholeUpTo} bytes or within the read-ahead window
     * (where a first miss would fetch it whole), else its last 64 KiB.
     */
    @Override
    public long prefetchOpening(long wholeUpTo) throws IOException {
        long from = size <= Math.max(wholeUpTo, connection.settings.readAheadBytes()) ? 0 : Math.max(0, size - FIRST_FETCH);
        prefetch(from, size - from);
        return size - from;
    }

    private Chunk covering(long position) {
        Map.Entry<Long, Chunk> e = chunks.floorEntry(position);
        return e != null && e.getValue().end() > position ? e.getValue() : null;
    }

    private List<Chunk> chunksOver(long from, long to) {
        List<Chunk> list = new ArrayList<>();
        Map.Entry<Long, Chunk> first = chunks.floorEntry(from);
        long start = first == null ? from : first.getKey();
        for (Chunk c : chunks.subMap(start, true, to, false).values()) {
            if (c.end() > from) {
                c.lastUse = ++tick;
                list.add(c);
            }
        }
        return list;
    }

    /** Queues what is not yet fetched or in flight of {@code [from, to)}, in parts; {@link #pump} sends them. */
    private void schedule(long from, long to) {
        long p = from;
        int part = connection.settings.readPartBytes();
        while (p < to) {
            Chunk c = covering(p);
            if (c != null) {
                p = c.end();
                continue;
            }
            Long next = chunks.ceilingKey(p);
            long gapEnd = next == null ? to : Math.min(to, next);
            while (p < gapEnd) {
                // a remainder of at most a quarter part rides with the part before it: an object of
                // whole parts and a footer is then fetched in as many GETs as it has whole parts
                Chunk chunk = new Chunk(p, (int) PartLengths.next(gapEnd - p, part));
                chunk.lastUse = ++tick;
                chunks.put(chunk.start, chunk);
                buffered += chunk.length;
                waiting.add(chunk);
                p = chunk.end();
            }
        }
    }

    /**
     * Takes the first chunk of {@code covering} that still waits for a fetch thread, for the caller
     * to fetch on its own; the others go to the fetch threads, in parallel.
     */
    private Chunk steal(List<Chunk> covering) {
        for (Chunk c : covering) {
            if (waiting.remove(c)) {
                running++;
                return c;
            }
        }
        return null;
    }

    private void pump() {
        while (running < connection.settings.requestsInFlight() && !waiting.isEmpty()) {
            Chunk c = waiting.poll();
            running++;
            connection.executor.execute(() -> fetch(c));
        }
    }

    private void fetch(Chunk c) {
        byte[] bytes = null;
        try {
            bytes = connection.partBuffers.take(c.length);
            connection.readRange(bucket, key, name, c.start, c.length, bytes, 0, this);
            if (!c.data.complete(bytes)) {
                connection.partBuffers.give(bytes); // cancelled (closed) while in flight: no one will read it
            }
        } catch (Throwable t) {
            if (bytes != null) {
                connection.partBuffers.give(bytes); // a failed GET's bytes are never read
            }
            c.data.completeExceptionally(t);
        } finally {
            synchronized (this) {
                if (c.dropped) {
                    recycle(c); // evicted while in flight: its array arrived after the eviction's try
                }
                running--;
                if (!closed) {
                    pump();
                }
            }
        }
    }

    private byte[] await(Chunk c) throws IOException {
        try {
            return c.data.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(name + ": interrupted while waiting for a GET");
        } catch (ExecutionException e) {
            synchronized (this) {
                if (chunks.get(c.start) == c) {
                    chunks.remove(c.start); // a later read asks again
                    buffered -= c.length;
                }
            }
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(name + ": GET failed: " + cause, cause);
        }
    }

    /** Drops completed ranges, least recently used first, until the buffer is within its limit. */
    private void evict(List<Chunk> inUse) {
        while (buffered > bufferLimit) {
            Chunk oldest = null;
            for (Chunk c : chunks.values()) {
                if (c.data.isDone() && !inUse.contains(c) && (oldest == null || c.lastUse < oldest.lastUse)) {
                    oldest = c;
                }
            }
            if (oldest == null) {
                return;
            }
            chunks.remove(oldest.start);
            buffered -= oldest.length;
            oldest.dropped = true;
            recycle(oldest);
        }
    }

    /**
     * Gives a dropped chunk's array back once no read copies from it and its GET is over; called by
     * the eviction, the last read that copied from it and its GET, whichever comes last gives it.
     */
    private void recycle(Chunk c) {
        if (!c.recycled && c.readers == 0 && c.data.isDone() && !c.data.isCompletedExceptionally()) {
            c.recycled = true;
            connection.partBuffers.give(c.data.join());
        }
    }

    @Override
    public void request() {
        requests.incrementAndGet();
    }

    @Override
    public void received(long bytes) {
        fetched.addAndGet(bytes);
    }

    @Override
    public long bytesFetched() {
        return fetched.get();
    }

    @Override
    public long requests() {
        return requests.get();
    }

    @Override
    public FileChannel asFileChannel() {
        return new ObjectReaderChannel(this, name);
    }

    /** Forgets what is fetched; GETs in flight finish on their own and are dropped. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            waiting.clear();
            for (Iterator<Chunk> it = chunks.values().iterator(); it.hasNext(); ) {
                Chunk c = it.next();
                c.data.cancel(false); // one in flight gives its array back when it arrives
                c.dropped = true;
                recycle(c);
                it.remove();
            }
            buffered = 0;
        }
    }
}
