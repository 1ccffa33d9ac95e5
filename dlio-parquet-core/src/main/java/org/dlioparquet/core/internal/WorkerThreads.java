package org.dlioparquet.core.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A group of daemon worker threads that run one body each, and the first failure among them: the
 * skeleton shared by generation's writer threads and the run's accelerator threads. The first
 * failure is kept, {@code onFirstFailure} wakes the others (they check {@link #failed()} or are
 * released from a barrier), and {@link #runAll} rethrows it once every thread has stopped.
 */
public final class WorkerThreads {
    /** What one worker does; {@code worker} is its number, 0 .. count-1. */
    @FunctionalInterface
    public interface Body {
        void run(int worker, WorkerThreads group) throws Exception;
    }

    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Runnable onFirstFailure;

    private WorkerThreads(Runnable onFirstFailure) {
        this.onFirstFailure = onFirstFailure;
    }

    /** True once a worker has failed: the others should stop taking work. */
    public boolean failed() {
        return failure.get() != null;
    }

    /**
     * Runs {@code body} on {@code count} threads named {@code name-<i>}, waits for all of them
     * (see {@link Threads#joinAll}), and rethrows the first failure.
     */
    public static void runAll(String name, int count, Body body, Runnable onFirstFailure) throws IOException {
        WorkerThreads group = new WorkerThreads(onFirstFailure);
        List<Thread> threads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int worker = i;
            Thread t = new Thread(() -> {
                try {
                    body.run(worker, group);
                } catch (Throwable e) {
                    group.fail(e);
                }
            }, name + "-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        Threads.joinAll(threads, name);
        Threads.rethrow(group.failure.get());
    }

    private void fail(Throwable e) {
        if (failure.compareAndSet(null, e)) {
            onFirstFailure.run();
        }
    }
}
