package org.dlioparquet.core.spi;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * An object open for positional reads. Thread-safe: reader threads that have one object open at
 * once share its reader; back-ends that fetch over a network may fetch ahead on their own threads.
 * It counts what it really fetched from storage, which may be more than was read (read-ahead) or
 * less (bytes already fetched).
 */
public interface ObjectReader extends Closeable {
    /** The object's size in bytes. */
    long size() throws IOException;

    /**
     * Reads up to {@code dst.remaining()} bytes at {@code position} into {@code dst}.
     *
     * @return the bytes read, or -1 at or past the end
     */
    int read(ByteBuffer dst, long position) throws IOException;

    /**
     * Says that {@code [position, position + length)} will be read soon, e.g. a Parquet row group's
     * projected chunks as one merged range; an object store starts fetching it now, in parallel
     * parts, so the reads that follow cost no request. File systems ignore it.
     */
    default void prefetch(long position, long length) throws IOException {
    }

    /**
     * Says that a reader will open this object soon (its batch is queued): an object store starts
     * fetching what the reader reads first, the whole object when it is at most {@code wholeUpTo}
     * bytes (or within the store's read-ahead), else its end (a Parquet footer, a ZIP's directory).
     * File systems ignore it.
     *
     * @return the bytes asked for
     */
    default long prefetchOpening(long wholeUpTo) throws IOException {
        return 0;
    }

    /** Bytes fetched from storage so far, read-ahead included. */
    long bytesFetched();

    /** Requests made to storage so far (reads of a file, GETs and HEADs of an object). */
    long requests();

    /**
     * This object as a read-only {@link FileChannel}, for readers written against channels; reads
     * through it are counted like {@link #read}. Closing the channel closes this object.
     */
    FileChannel asFileChannel();
}
