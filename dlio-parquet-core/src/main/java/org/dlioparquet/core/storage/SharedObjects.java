package org.dlioparquet.core.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * that opens it takes over that hold. At most {@value #MAX_WARM} are held ahead; more release the
 * oldest.
 */
final class SharedObjects {
    /** Objects opened ahead and not yet taken over: a few batches' worth. */
    static final int MAX_WARM = 256;

    /** Opens an object's reader, when no thread has it open. */
    @FunctionalInterface
    interface Opener {
        ObjectReader open() throws IOException;
    }

    private final Map<String, Entry> open = new HashMap<>();
    /** Holds of objects opened ahead, oldest first. */
    private final LinkedHashMap<String, Lease> warm = new LinkedHashMap<>();

    /** A reader of {@code location} for one user: the one already open, else a new one from {@code opener}. */
    synchronized ObjectReader acquire(String location, Opener opener) throws IOException {
        Lease ahead = warm.remove(location);
        if (ahead != null) {
            return ahead;
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
     * ({@link ObjectReader#prefetchOpening}). Best effort: a failure here is met again, and reported,
     * by the reader that opens the object.
     */
    void warm(String location, Opener opener) {
        Lease released = null;
        try {
            synchronized (this) {
                if (warm.containsKey(location) || open.containsKey(location)) {
                    return;
                }
                Lease lease = (Lease) acquire(location, opener);
                warm.put(location, lease);
                lease.prefetchOpening();
                if (warm.size() > MAX_WARM) {
                    Map.Entry<String, Lease> oldest = warm.entrySet().iterator().next();
                    warm.remove(oldest.getKey());
                    released = oldest.getValue();
                }
            }
        } catch (IOException | RuntimeException e) {
            // the reader that opens the object meets the failure and names it
        }
        closeQuietly(released);
    }

    /** Lets go of every object opened ahead and not taken over (the epoch ended, the file system closes). */
    void releaseWarm() {
        List<Lease> all;
        synchronized (this) {
            all = new ArrayList<>(warm.values());
            warm.clear();
        }
        all.forEach(SharedObjects::closeQuietly);
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
