package org.dlioparquet.core.checkpoint;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.dlioparquet.core.internal.Threads;

/**
 * DLIO's checkpoint-only mode ({@code workflow.train: False}) on the ranks of this process, one
 * thread each: {@code num_checkpoints_write} saves ({@code global_epoch1_step1..W}), then
 * {@code num_checkpoints_read} loads of the first checkpoints written, each after a sleep of
 * {@code time_between_checkpoints}. Before the first load every rank checks that its files of
 * every checkpoint to load are there, so that a load run of missing checkpoints fails at once.
 *
 * <p>MLPerf Storage runs it twice, with the page cache dropped in between: once with
 * {@code num_checkpoints_read=0} (write), once with {@code num_checkpoints_write=0} (read).
 */
public final class CheckpointOnlyRun {
    /** Sleeps between checkpoints; a seam so tests need not wait. */
    interface Sleeper {
        void sleep(double seconds) throws InterruptedException;
    }

    private final Checkpointer checkpointer;
    private final CheckpointSchedule schedule;
    private final Sleeper sleeper;

    public CheckpointOnlyRun(Checkpointer checkpointer, CheckpointSchedule schedule) {
        this(checkpointer, schedule, seconds -> Thread.sleep(Math.round(seconds * 1000)));
    }

    CheckpointOnlyRun(Checkpointer checkpointer, CheckpointSchedule schedule, Sleeper sleeper) {
        if (!schedule.checkpointOnly()) {
            throw new IllegalArgumentException("not a checkpoint-only workload (workflow.checkpoint True, train False)");
        }
        this.checkpointer = checkpointer;
        this.schedule = schedule;
        this.sleeper = sleeper;
    }

    /** What ran: when, and (from the checkpointer) every save and load. */
    public record Outcome(Instant start, Instant end) {
    }

    /**
     * Runs the saves and then the loads on every local rank, and returns when all are done.
     *
     * @throws IOException the first failure of any rank (a missing checkpoint file is a
     *                     {@link org.dlioparquet.core.DataFileException} naming it)
     */
    public Outcome run() throws IOException {
        Instant start = Instant.now();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int rank : checkpointer.localRanks()) {
            Thread t = new Thread(() -> {
                try {
                    rankLoop(rank);
                } catch (Throwable e) {
                    checkpointer.abort(e);
                    // keep the failure that started it, not the other ranks' "stopped because" ones
                    if (!(e instanceof CheckpointAbortedException)) {
                        failure.compareAndSet(null, e);
                    } else {
                        failure.compareAndSet(null, e.getCause() != null ? e.getCause() : e);
                    }
                }
            }, "dlio-ckpt-rank-" + rank);
            threads.add(t);
            t.start();
        }
        Threads.joinAll(threads, "checkpointing");
        Threads.rethrow(failure.get());
        return new Outcome(start, Instant.now());
    }

    private void rankLoop(int rank) throws IOException {
        for (CheckpointId id : schedule.writes()) {
            pause();
            checkpointer.save(rank, id);
        }
        List<CheckpointId> reads = schedule.reads();
        if (reads.isEmpty()) {
            return;
        }
        checkpointer.checkLoadable(rank, reads);
        for (CheckpointId id : reads) {
            pause();
            checkpointer.load(rank, id);
        }
    }

    private void pause() throws InterruptedIOException {
        double seconds = schedule.secondsBetween();
        if (seconds <= 0) {
            return;
        }
        try {
            sleeper.sleep(seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted between checkpoints");
        }
    }
}
