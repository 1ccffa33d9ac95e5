package org.dlioparquet.core.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dlioparquet.core.spi.ObjectReader;

/**
 * One reader per object for all the threads that have it open at once. DLIO's reader threads take
 * turns at a file's batches, so two threads read halves of one Parquet file or NPZ at the same
 * time: each with its own reader would fetch (and pay requests for) the whole object twice; sharing
 * one, what one thread fetched ahead serves the other. The reader closes when its last user does.
 *
 * <p>An object can also be opened ahead ({@link #warm}), when the batch that reads it is queued:
 * its first bytes are on their way while the threads read the batches before it, as a data
 * loader's prefetching overlaps one object's round trip with the work on another. The first reader
 * that opens it takes over that hold. At most {@value #MAX_WARM} are held ahead (more are opened
 * when their reader comes), and objects are fetched whole ahead only while those held ahead hold
 * less than {@value #WHOLE_AHEAD_BYTES} bytes; past that, only their ends.
 */
final class SharedObjects {
    /**
     * Objects opened ahead and not yet taken over. Few: each is a GET in flight, and a batch of 32
     * small objects all fetched at once made every reader wait for its object behind the others
     * (an NPZ epoch on S3 went from 0.56 to 0.47 of a plain GET loop).
     */
    static final int MAX_WARM = 4;
    /** Bytes that objects opened ahead may hold fetched whole: the memory prefetching may take. */
    static final long WHOLE_AHEAD_BYTES = 256L << 20;

    /** Opens an object's reader, when no thread has it open. */
    @FunctionalInterface
    interface Opener {
        ObjectReader open() throws IOException;
    }

    private final Map<String, Entry> open = new HashMap<>();
    /** Holds of objects opened ahead. */
    private final Map<String, Ahead> warm = new HashMap<>();
    /** Bytes asked for by the objects in {@link #warm}. */
    private long warmBytes;

    /** An object opened ahead: its hold, and the bytes asked for ahead. */
    private record Ahead(Lease lease, long bytes) {
    }

    /** A reader of {@code location} for one user: the one already open, else a new one from {@code opener}. */
    synchronized ObjectReader acquire(String location, Opener opener) throws IOException {
        Ahead ahead = warm.remove(location);
        if (ahead != null) {
            warmBytes -= ahead.bytes();
            return ahead.lease();
        }
        Entry entry = open.get(location);
        if (entry == null) {
            entry = new Entry(location, opener.open());
            open.put(location, entry);
        }
        entry.users++;
        return new Lease(entry);
    }

    /**
     * Opens {@code location} ahead of its reader and starts fetching what a reader reads first
     * ({@link ObjectReader#prefetchOpening}): the whole object when {@code whole} and the budget
     * allows, else its end. Best effort: a failure here is met again, and reported, by the reader
     * that opens the object.
     *
     * @return false when {@value #MAX_WARM} objects are held ahead already: nothing was done, ask again later
     */
    boolean warm(String location, Opener opener, boolean whole) {
        try {
            synchronized (this) {
                if (warm.containsKey(location) || open.containsKey(location)) {
                    return true;
                }
                if (warm.size() >= MAX_WARM) {
                    return false;
                }
                Lease lease = (Lease) acquire(location, opener);
                long bytes;
                try {
                    bytes = lease.prefetchOpening(whole ? Math.max(0, WHOLE_AHEAD_BYTES - warmBytes) : 0);
                } catch (IOException | RuntimeException e) {
                    closeQuietly(lease);
                    throw e;
                }
                warm.put(location, new Ahead(lease, bytes));
                warmBytes += bytes;
            }
        } catch (IOException | RuntimeException e) {
            // the reader that opens the object meets the failure and names it
        }
        return true;
    }

    /** Lets go of every object opened ahead and not taken over (the epoch ended, the file system closes). */
    void releaseWarm() {
        List<Ahead> all;
        synchronized (this) {
            all = new ArrayList<>(warm.values());
            warm.clear();
            warmBytes = 0;
        }
        all.forEach(a -> closeQuietly(a.lease()));
    }

    private static void closeQuietly(Lease lease) {
        if (lease == null) {
            return;
        }
        try {
            lease.close();
        } catch (IOException e) {
            // a reader that was only fetching ahead: nothing of the run's depends on it
        }
    }

    /** Objects opened ahead and not yet taken over; for tests. */
    synchronized int warmObjects() {
        return warm.size();
    }

    /** Objects open now; for tests. */
    synchronized int openObjects() {
        return open.size();
    }

    private void release(Entry entry) throws IOException {
        synchronized (this) {
            if (--entry.users > 0) {
                return;
            }
            open.remove(entry.location);
        }
        entry.reader.close();
    }

    private static final class Entry {
        final String location;
        final ObjectReader reader;
        int users;

        Entry(String location, ObjectReader reader) {
            this.location = location;
            this.reader = reader;
        }
    }

    /** One user's hold on a shared reader; closing it (once) lets go. */
    private final class Lease extends ForwardingObjectReader {
        private final Entry entry;
        private final AtomicBoolean closed = new AtomicBoolean();

        Lease(Entry entry) {
            super(entry.reader);
            this.entry = entry;
        }

        @Override
        public void close() throws IOException {
            if (closed.compareAndSet(false, true)) {
                release(entry);
            }
        }
    }
}
