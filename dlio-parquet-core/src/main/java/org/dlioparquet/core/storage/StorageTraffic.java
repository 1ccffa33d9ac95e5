package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.dlioparquet.core.spi.ObjectReader;

/**
 * What the objects read through a {@link StorageFileSystem} cost the storage: bytes fetched
 * (read-ahead included) and requests, added when each object is closed. A run reports them beside
 * the bytes its readers consumed, so that a read-ahead that fetches too much, or a request per
 * sample, shows.
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

    /** {@code reader} as a read-only channel whose costs count here when it closes. */
    FileChannel counted(ObjectReader reader, String name) {
        objectsOpened.increment();
        return new ObjectReaderChannel(new Counted(reader), name);
    }

    /** Passes everything through; on close adds what the object cost. */
    private final class Counted implements ObjectReader {
        private final ObjectReader object;

        Counted(ObjectReader object) {
            this.object = object;
        }

        @Override
        public long size() throws IOException {
            return object.size();
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return object.read(dst, position);
        }

        @Override
        public void prefetch(long position, long length) throws IOException {
            object.prefetch(position, length);
        }

        @Override
        public long bytesFetched() {
            return object.bytesFetched();
        }

        @Override
        public long requests() {
            return object.requests();
        }

        @Override
        public FileChannel asFileChannel() {
            throw new UnsupportedOperationException("already a channel");
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
