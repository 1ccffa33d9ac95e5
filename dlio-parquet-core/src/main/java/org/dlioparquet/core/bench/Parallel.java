package org.dlioparquet.core.bench;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Runs {@code threads} workers at once and times them from the first start to the last end. */
final class Parallel {
    @FunctionalInterface
    interface Worker {
        void run(int thread) throws IOException;
    }

    private Parallel() {
    }

    /** @return elapsed nanoseconds */
    static long time(int threads, Worker worker) throws IOException {
        AtomicReference<IOException> failure = new AtomicReference<>();
        List<Thread> started = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    worker.run(id);
                } catch (IOException e) {
                    failure.compareAndSet(null, e);
                }
            }, "dlio-bench-baseline-" + t);
            thread.start();
            started.add(thread);
        }
        try {
            for (Thread thread : started) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("baseline interrupted");
        }
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw failure.get();
        }
        return elapsed;
    }
}
