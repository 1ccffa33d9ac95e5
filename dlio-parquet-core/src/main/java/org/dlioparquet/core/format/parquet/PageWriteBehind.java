package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.io.InterruptedIOException;
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

    /** Waits until every page handed over is written; rethrows what writing it threw. */
    void await() throws IOException {
        if (pending == null) {
            return;
        }
        Future<?> f = pending;
        pending = null;
        try {
            f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a page was being written");
        } catch (ExecutionException e) {
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

    /** Stops the helper thread (after the page in flight, if any). */
    @Override
    public void close() {
        thread.shutdown();
    }
}
