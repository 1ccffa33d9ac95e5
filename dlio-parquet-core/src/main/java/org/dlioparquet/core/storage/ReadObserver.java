package org.dlioparquet.core.storage;

import java.nio.file.Path;

/**
 * Sees the file calls of the data files one thread opens through {@link ReadChannels}: tracing
 * records them as POSIX events, a stall report names the read a thread is stuck in. Installed
 * per thread ({@link #install}); with none installed a channel is not wrapped at all, so reads
 * cost nothing extra.
 */
public interface ReadObserver {
    /**
     * A file was opened on this thread.
     *
     * @return the handle the other calls for this file pass back (a file hash, say)
     */
    long opened(Path file, long startNanos, long endNanos);

    /** A read of up to {@code length} bytes at {@code position} is about to start. */
    void reading(long handle, long position, int length);

    /**
     * A read ended.
     *
     * @param positional true for a read at a given position ({@code pread}), false at the channel's
     * @param returned   bytes read, -1 at the end of the file
     */
    void read(long handle, boolean positional, long position, int length, int returned, long startNanos,
              long endNanos);

    void closed(long handle, long startNanos, long endNanos);

    /** Makes {@code observer} see the files this thread opens from now on; null stops it. */
    static void install(ReadObserver observer) {
        ReadObservers.CURRENT.set(observer);
    }

    /** The observer of this thread, or null. */
    static ReadObserver current() {
        return ReadObservers.CURRENT.get();
    }
}
