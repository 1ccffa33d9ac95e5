package org.dlioparquet.core.storage;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs its tasks in the order given, at most {@code width} at once, on threads of a shared pool
 * that it holds only while tasks are queued. The read-aheads of a reader thread's direct channels
 * go through one, so that that many reads are in flight, started in the order they were asked
 * for, and the next one starts as one ends, without waiting for the reader thread to ask for it
 * or for a pool thread to wake. Tasks must not throw (a {@code FutureTask} keeps its failure for
 * whoever waits on it).
 */
final class ReadLane implements Executor {
    private final Executor pool;
    private final int width;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    /** Pool threads running {@link #drain}. */
    private int draining;

    ReadLane(Executor pool, int width) {
        this.pool = pool;
        this.width = width;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (queue) {
            queue.add(task);
            if (draining >= width) {
                return;
            }
            draining++;
        }
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (queue) {
                draining--;
                queue.remove(task);
            }
            throw e;
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (queue) {
                next = queue.poll();
                if (next == null) {
                    draining--;
                    return;
                }
            }
            next.run();
        }
    }
}
