package org.dlioparquet.core.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;

/** Waiting for a group of worker threads, and passing on the first failure one of them recorded. */
public final class Threads {
    private Threads() {
    }

    /**
     * Joins every thread; when the caller is interrupted, interrupts them and reports {@code what}
     * as interrupted.
     */
    public static void joinAll(List<Thread> threads, String what) throws IOException {
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + " interrupted");
        }
    }

    /** Throws {@code failure} as what it is (checked I/O, unchecked, or error); does nothing for null. */
    public static void rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IOException(failure);
        }
    }
}
