package org.dlioparquet.core.storage;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dlioparquet.core.spi.ObjectReader;

/**
 * One reader per object for all the threads that have it open at once. DLIO's reader threads take
 * turns at a file's batches, so two threads read halves of one Parquet file or NPZ at the same
 * time: each with its own reader would fetch (and pay requests for) the whole object twice; sharing
 * one, what one thread fetched ahead serves the other. The reader closes when its last user does.
 */
final class SharedObjects {
    /** Opens an object's reader, when no thread has it open. */
    @FunctionalInterface
    interface Opener {
        ObjectReader open() throws IOException;
    }

    private final Map<String, Entry> open = new HashMap<>();

    /** A reader of {@code location} for one user: the one already open, else a new one from {@code opener}. */
    synchronized ObjectReader acquire(String location, Opener opener) throws IOException {
        Entry entry = open.get(location);
        if (entry == null) {
            entry = new Entry(location, opener.open());
            open.put(location, entry);
        }
        entry.users++;
        return new Lease(entry);
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
