package org.dlioparquet.core.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;

/** Waiting for a group of worker threads, and passing on the first failure one of them recorded. */
public final class Threads {
    private Threads() {
    }

    /**
     * Joins every thread; when the caller is interrupted, interrupts them, still waits until every
     * one has stopped (so nothing they hold, such as a journal or a lock, is released under them),
     * then reports {@code what} as interrupted with the caller's interrupt flag set again.
     */
    public static void joinAll(List<Thread> threads, String what) throws IOException {
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            joinIgnoringInterrupts(threads);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + " interrupted");
        }
    }

    private static void joinIgnoringInterrupts(List<Thread> threads) {
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException again) {
                    // the workers are already told to stop; the flag is restored by the caller
                }
            }
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
