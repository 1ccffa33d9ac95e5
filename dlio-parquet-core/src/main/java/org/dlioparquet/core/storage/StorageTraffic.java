package org.dlioparquet.core.storage;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.dlioparquet.core.spi.ObjectReader;

/**
 * What the objects read through a {@link StorageFileSystem}, or the local files read with O_DIRECT
 * ({@link ReadChannels#directTraffic}), cost the storage: bytes fetched (read-ahead included) and
 * requests, added when each object or file is closed. A run reports them beside the bytes its
 * readers consumed, so that a read-ahead that fetches too much, or a request per sample, shows.
 */
public final class StorageTraffic {
    private final LongAdder bytesFetched = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder objectsOpened = new LongAdder();

    /** Bytes fetched from storage by the objects closed so far. */
    public long bytesFetched() {
        return bytesFetched.sum();
    }

    /** Requests made to storage by the objects closed so far. */
    public long requests() {
        return requests.sum();
    }

    /** Objects opened for reading so far. */
    public long objectsOpened() {
        return objectsOpened.sum();
    }

    /** The counters now. */
    public Snapshot snapshot() {
        return new Snapshot(requests(), bytesFetched(), objectsOpened());
    }

    /** What the storage had served at one moment; differences give an epoch's cost. */
    public record Snapshot(long requests, long bytesFetched, long objectsOpened) {
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(requests - earlier.requests, bytesFetched - earlier.bytesFetched,
                    objectsOpened - earlier.objectsOpened);
        }

        /** For the log: {@code 12 requests, 3.0 MB fetched for 6 objects} (MB = 2^20 bytes, as DLIO's). */
        public String describe() {
            return String.format(Locale.ROOT, "%d requests, %.1f MB fetched for %d objects", requests,
                    bytesFetched / 1048576.0, objectsOpened);
        }
    }

    /** Adds what one closed file cost. */
    void add(long fileRequests, long fileBytesFetched) {
        objectsOpened.increment();
        requests.add(fileRequests);
        bytesFetched.add(fileBytesFetched);
    }

    /** {@code reader}, its costs counted here when it closes. */
    ObjectReader counted(ObjectReader reader) {
        objectsOpened.increment();
        return new Counted(reader);
    }

    /** Passes everything through; on close adds what the object cost. */
    private final class Counted extends ForwardingObjectReader {
        Counted(ObjectReader object) {
            super(object);
        }

        @Override
        public void close() throws IOException {
            try {
                object.close();
            } finally {
                bytesFetched.add(object.bytesFetched());
                requests.add(object.requests());
            }
        }
    }
}
