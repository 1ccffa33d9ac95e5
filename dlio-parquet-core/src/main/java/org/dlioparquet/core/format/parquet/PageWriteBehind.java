package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One helper thread that compresses and writes a finished page while the writing thread fills the
 * next one: generating sample bytes and copying them into the page cache each cost about as much,
 * and in turn they would halve the speed. At most one page is in flight and pages are written in
 * the order they are handed over, so the file's bytes do not change.
 *
 * <p>One per generating thread, used for file after file: the daemon helper starts with the first
 * page handed over and ends once idle for a while, so files do not each start a thread and a
 * generating thread that is gone leaves none behind. Not thread-safe.
 */
final class PageWriteBehind {
    /** How long the helper waits for another page before it ends. */
    static final long IDLE_MILLIS = 10_000;

    /** Work that writes one page. */
    interface PageWrite {
        void run() throws IOException;
    }

    private final ThreadPoolExecutor thread;
    private Future<?> pending;

    PageWriteBehind() {
        this(IDLE_MILLIS);
    }

    /** @param idleMillis how long the helper waits for another page before it ends (tests shorten it) */
    PageWriteBehind(long idleMillis) {
        thread = new ThreadPoolExecutor(1, 1, idleMillis, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "parquet-page-writer");
            t.setDaemon(true);
            return t;
        });
        thread.allowCoreThreadTimeOut(true);
    }

    /** Waits for the page in flight, then hands over {@code write}. */
    void submit(PageWrite write) throws IOException {
        await();
        pending = thread.submit(() -> {
            write.run();
            return null;
        });
    }

    /**
     * Waits until every page handed over is written; rethrows what writing it threw. When
     * interrupted, the page stays in flight for {@link #settle} to wait for.
     */
    void await() throws IOException {
        if (pending == null) {
            return;
        }
        try {
            pending.get();
            pending = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a page was being written");
        } catch (ExecutionException e) {
            pending = null;
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    /**
     * Waits for the page in flight, if any, ignoring how it ended: after a failure nothing may write
     * to the file or use the compressor once the failing write returns, and the next file starts
     * with nothing pending. Not interruptible (a page takes milliseconds); the interrupt is kept
     * for the caller.
     */
    void settle() {
        boolean interrupted = false;
        while (pending != null) {
            try {
                pending.get();
                pending = null;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | CancellationException e) {
                pending = null; // the file is abandoned; the failure that abandoned it is the one reported
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
