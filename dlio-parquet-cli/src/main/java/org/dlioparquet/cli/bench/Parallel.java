package org.dlioparquet.cli.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.dlioparquet.core.internal.Threads;

/**
 * Runs {@code threads} workers at once and times them from the first start to the last end. Any
 * failure of a worker, unchecked ones included, fails the repetition: a worker that died early
 * would otherwise make the baseline look faster than it is.
 */
final class Parallel {
    @FunctionalInterface
    interface Worker {
        void run(int thread) throws IOException;
    }

    private Parallel() {
    }

    /** @return elapsed nanoseconds */
    static long time(int threads, Worker worker) throws IOException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> started = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    worker.run(id);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "dlio-bench-baseline-" + t);
            thread.start();
            started.add(thread);
        }
        Threads.joinAll(started, "baseline");
        long elapsed = System.nanoTime() - start;
        Threads.rethrow(failure.get());
        return elapsed;
    }
}
