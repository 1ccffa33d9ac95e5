package org.dlioparquet.core.checkpoint;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * A barrier of the ranks of this process that stays broken once one of them failed, so that no
 * rank waits for a rank that will never come (a {@code CyclicBarrier} forgets that on reset). The
 * last rank to arrive runs an action for all (the barrier with the other processes, the exchange
 * of timings) before any is released.
 */
final class Rendezvous {
    /** Runs on the last rank to arrive. */
    interface Action {
        void run() throws IOException;
    }

    private final int parties;
    private int waiting;
    private long generation;
    private Throwable broken;

    Rendezvous(int parties) {
        this.parties = parties;
    }

    synchronized void await(Action lastArrival) throws IOException {
        throwIfBroken();
        long arrivedIn = generation;
        if (++waiting == parties) {
            try {
                lastArrival.run();
            } catch (IOException | RuntimeException | Error e) {
                breakWith(e);
                throw e;
            }
            waiting = 0;
            generation++;
            notifyAll();
            return;
        }
        while (arrivedIn == generation && broken == null) {
            try {
                wait();
            } catch (InterruptedException e) {
                breakWith(e);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the other ranks");
            }
        }
        if (arrivedIn == generation) {
            throwIfBroken();
        }
    }

    /** Releases every waiting rank with {@code cause}; later arrivals fail at once. The first cause stays. */
    synchronized void breakWith(Throwable cause) {
        if (broken == null) {
            broken = cause;
        }
        notifyAll();
    }

    private void throwIfBroken() throws CheckpointAbortedException {
        if (broken != null) {
            throw new CheckpointAbortedException("stopped because another rank failed: " + broken.getMessage(), broken);
        }
    }
}
