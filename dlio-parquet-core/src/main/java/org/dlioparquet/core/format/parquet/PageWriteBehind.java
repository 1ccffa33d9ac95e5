package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One helper thread that compresses and writes a finished page while the writing thread fills the
 * next one: generating sample bytes and copying them into the page cache each cost about as much,
 * and in turn they would halve the speed. At most one page is in flight and pages are written in
 * the order they are handed over, so the file's bytes do not change.
 */
final class PageWriteBehind implements AutoCloseable {
    /** Work that writes one page. */
    interface PageWrite {
        void run() throws IOException;
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "parquet-page-writer");
        t.setDaemon(true);
        return t;
    });
    private Future<?> pending;

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
     * interrupted, the page stays in flight for {@link #close} to wait for.
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
     * Waits for the page in flight, if any, ignoring how it ended, then stops the helper thread:
     * after a failure nothing may write to the file or use the compressor once the failing write
     * returns. Not interruptible (a page takes milliseconds); the interrupt is kept for the caller.
     */
    @Override
    public void close() {
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
        thread.shutdown();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
