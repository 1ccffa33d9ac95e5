package org.dlioparquet.core.dist;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * DLIO's barrier over every accelerator of the job: the K accelerator threads of this process meet
 * here, and the last to arrive takes the process into the job's barrier ({@link
 * Collective#barrier()}) on behalf of all K; when that returns, all K go on. So P processes of K
 * threads behave as P·K accelerators, and MPI is called by one thread at a time.
 *
 * <p>{@link #await()} returns how long the caller waited, the barrier's own part of a step. A
 * failure breaks the barrier for good: {@link #fail} (an accelerator failed) or an error of the
 * job's barrier releases every waiting thread and every later arrival with a {@link
 * BrokenBarrierException}, so no thread waits for one that will never come.
 */
public final class StepBarrier {
    private final String name;
    private final int parties;
    private final Collective collective;
    private final ProgressWatchdog watchdog;
    private final Runnable onTrip;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition tripped = lock.newCondition();
    private int arrived;
    private long trips;
    private boolean inJobBarrier;
    private Throwable broken;

    /**
     * @param name         what the barrier is for ("step", "epoch"), for messages
     * @param accelerators the accelerator threads of this process that meet here
     * @param collective   the processes of the job
     * @param watchdog     told what waiting threads wait on, and of each trip as progress
     * @param onTrip       run once per trip by the last thread, after the job's barrier and before
     *                     any thread goes on (it may use the collective); null for nothing
     */
    public StepBarrier(String name, int accelerators, Collective collective, ProgressWatchdog watchdog,
                       Runnable onTrip) {
        if (accelerators < 1) {
            throw new IllegalArgumentException("a barrier needs at least one accelerator, not " + accelerators);
        }
        this.name = name;
        this.parties = accelerators;
        this.collective = collective;
        this.watchdog = watchdog;
        this.onTrip = onTrip;
    }

    public StepBarrier(String name, int accelerators, Collective collective, ProgressWatchdog watchdog) {
        this(name, accelerators, collective, watchdog, null);
    }

    /**
     * Waits until every accelerator of the job has arrived.
     *
     * @return the nanoseconds the calling thread waited
     * @throws BrokenBarrierException the barrier was broken (its cause says why); the caller should
     *                                stop, as the failure that broke it is reported elsewhere
     */
    public long await() throws BrokenBarrierException {
        long start = System.nanoTime();
        ProgressWatchdog.Wait wait = watchdog.waiting(this::describe);
        try {
            if (arrive()) {
                tripAsLast();
            }
            return System.nanoTime() - start;
        } finally {
            wait.close();
        }
    }

    /** Counts the caller in; returns true for the last thread, otherwise once the last has tripped the barrier. */
    private boolean arrive() throws BrokenBarrierException {
        lock.lock();
        try {
            throwIfBroken();
            long trip = trips;
            if (++arrived == parties) {
                inJobBarrier = true;
                return true;
            }
            while (trip == trips && broken == null) {
                tripped.await();
            }
            if (trip == trips) {
                throwIfBroken();
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            breakWith(e);
            throw brokenException();
        } finally {
            lock.unlock();
        }
    }

    /** The last thread of this process meets the other processes (without holding the lock), then releases the rest. */
    private void tripAsLast() throws BrokenBarrierException {
        try {
            if (collective.size() > 1) {
                collective.barrier();
            }
            if (onTrip != null) {
                onTrip.run();
            }
        } catch (RuntimeException | Error e) {
            fail(e);
            throw e;
        }
        long trip;
        lock.lock();
        try {
            inJobBarrier = false;
            arrived = 0;
            trip = ++trips;
            tripped.signalAll();
            throwIfBroken();
        } finally {
            lock.unlock();
        }
        watchdog.progress(name + " barrier trip", trip);
    }

    /**
     * Breaks the barrier for good because {@code cause} (an accelerator's failure) means not every
     * thread will arrive: waiting threads and later arrivals get a {@link BrokenBarrierException}.
     */
    public void fail(Throwable cause) {
        lock.lock();
        try {
            breakWith(cause);
        } finally {
            lock.unlock();
        }
    }

    /** How many accelerator threads of this process meet here. */
    public int parties() {
        return parties;
    }

    /** How many times every accelerator has met here. */
    public long trips() {
        lock.lock();
        try {
            return trips;
        } finally {
            lock.unlock();
        }
    }

    private void breakWith(Throwable cause) {
        if (broken == null) {
            broken = cause;
        }
        tripped.signalAll();
    }

    private void throwIfBroken() throws BrokenBarrierException {
        if (broken != null) {
            throw brokenException();
        }
    }

    private BrokenBarrierException brokenException() {
        BrokenBarrierException e = new BrokenBarrierException(name + " barrier broken: " + broken);
        e.initCause(broken);
        return e;
    }

    /** What a waiting thread waits on, as the watchdog says it. */
    private String describe() {
        lock.lock();
        try {
            String where = "the " + name + " barrier (trip " + (trips + 1) + "): ";
            return inJobBarrier
                    ? where + "all " + parties + " local accelerators arrived, waiting for the other "
                    + (collective.size() - 1) + " process(es) of the job"
                    : where + arrived + " of " + parties + " local accelerators arrived";
        } finally {
            lock.unlock();
        }
    }
}
