package org.dlioparquet.core.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dlioparquet.core.RunListener;
import org.dlioparquet.core.RunProgress;
import org.dlioparquet.core.Split;

/**
 * A background thread that watches the local accelerators: every progress interval it passes rank
 * 0's progress to the listener (when rank 0 runs in this process), and when an accelerator has
 * waited for a batch, or at the step barrier, longer than the stall timeout it says what that
 * accelerator's reader threads are doing, again every timeout while the stall lasts.
 */
final class ProgressMonitor implements AutoCloseable {
    private static final double MIB = 1024.0 * 1024.0;
    private static final long MAX_TICK_NANOS = 1_000_000_000L;

    private final List<RankProbe> probes;
    private final int epochs;
    private final long intervalNanos;
    private final long stallNanos;
    private final RunListener listener;
    private final Path dataRoot;
    private final Thread thread;
    private final Map<RankProbe, Long> reportedSince = new HashMap<>();
    private final Map<RankProbe, Long> reportedAt = new HashMap<>();
    private volatile boolean stopped;

    ProgressMonitor(List<RankProbe> probes, int epochs, Duration interval, Duration stall, RunListener listener,
                    Path dataRoot) {
        this.probes = probes;
        this.epochs = epochs;
        this.intervalNanos = interval.toNanos();
        this.stallNanos = stall.toNanos();
        this.listener = listener;
        this.dataRoot = dataRoot;
        this.thread = new Thread(this::loop, "dlio-run-monitor");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private long tickNanos() {
        long tick = MAX_TICK_NANOS;
        if (intervalNanos > 0) {
            tick = Math.min(tick, intervalNanos);
        }
        if (stallNanos > 0) {
            tick = Math.min(tick, Math.max(1_000_000L, stallNanos / 4));
        }
        return tick;
    }

    private void loop() {
        long tick = tickNanos();
        long nextProgress = System.nanoTime() + intervalNanos;
        while (!stopped) {
            try {
                Thread.sleep(tick / 1_000_000L, (int) (tick % 1_000_000L));
            } catch (InterruptedException e) {
                return;
            }
            if (stopped) {
                return;
            }
            long now = System.nanoTime();
            if (intervalNanos > 0 && now - nextProgress >= 0) {
                nextProgress = now + intervalNanos;
                RunProgress p = progress(now);
                if (p != null) {
                    listener.progress(p);
                }
            }
            if (stallNanos > 0) {
                for (RankProbe probe : probes) {
                    checkStall(probe, now);
                }
            }
        }
    }

    /** Rank 0's progress now, or null when rank 0 is not in this process or not in a block. */
    RunProgress progress(long now) {
        RankProbe zero = null;
        for (RankProbe p : probes) {
            if (p.rank == 0) {
                zero = p;
            }
        }
        if (zero == null || zero.split() == null || zero.state() == RankProbe.State.IDLE) {
            return null;
        }
        Split split = zero.split();
        int epoch = zero.epoch();
        long steps = zero.phaseSteps();
        long done = zero.stepsDone();
        double elapsed = Math.max(1e-9, (now - zero.phaseStartNanos()) / 1e9);
        long samples = 0;
        long bytes = 0;
        for (RankProbe p : probes) {
            if (p.split() == split && p.epoch() == epoch) {
                samples += p.samplesDone();
                bytes += p.bytesDone();
            }
        }
        double eta = -1;
        if (done > 0) {
            double perStep = elapsed / done;
            double epochSeconds = zero.lastEpochNanos() > 0 ? zero.lastEpochNanos() / 1e9
                    : split == Split.TRAIN ? steps * perStep : -1;
            int left = Math.max(0, epochs - epoch);
            eta = left > 0 && epochSeconds < 0 ? -1 : (steps - done) * perStep + left * Math.max(0, epochSeconds);
        }
        return new RunProgress(epoch, epochs, split == Split.TRAIN ? "training" : "evaluation", done, steps,
                samples / elapsed, bytes / elapsed / MIB, eta);
    }

    private void checkStall(RankProbe probe, long now) {
        RankProbe.State state = probe.state();
        if (state != RankProbe.State.WAITING && state != RankProbe.State.BARRIER) {
            return;
        }
        long since = probe.stateSince();
        long waited = now - since;
        if (waited < stallNanos) {
            return;
        }
        Long episode = reportedSince.get(probe);
        if (episode != null && episode == since && now - reportedAt.get(probe) < stallNanos) {
            return;
        }
        reportedSince.put(probe, since);
        reportedAt.put(probe, now);
        for (String line : stallReport(probe, state, waited, now)) {
            listener.message(line);
        }
    }

    /** The lines of one stall report: the accelerator's state, then each of its reader threads. */
    List<String> stallReport(RankProbe probe, RankProbe.State state, long waitedNanos, long now) {
        String what = probe.split() == Split.TRAIN ? "training" : "evaluation";
        long step = probe.stepsDone();
        if (state == RankProbe.State.BARRIER) {
            return List.of(String.format(Locale.ROOT, "Warning: stall: rank %d has waited %.1f s at the step barrier "
                    + "after step %d of %d (epoch %d, %s): another accelerator has not finished its step", probe.rank,
                    waitedNanos / 1e9, step + 1, probe.phaseSteps(), probe.epoch(), what));
        }
        List<ReaderProbe> readers = probe.readers().stream().filter(r -> r.split() == probe.split()).toList();
        String head = String.format(Locale.ROOT, "Warning: stall: rank %d has waited %.1f s for the batch of step "
                + "%d of %d (epoch %d, %s) with no batch arriving; its reader threads:", probe.rank, waitedNanos / 1e9,
                step + 1, probe.phaseSteps(), probe.epoch(), what);
        if (readers.isEmpty()) {
            return List.of(head + " none has started reading");
        }
        List<String> out = new ArrayList<>();
        out.add(head);
        for (ReaderProbe r : readers) {
            out.add("  " + r.describe(dataRoot, now));
        }
        return out;
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
