package org.dlioparquet.core.dist;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Says what a process waits on when it has made no progress for a while: a rank of a job whose
 * peer hangs (a storage read that never returns, a peer stopped in a debugger) would otherwise
 * wait in a barrier without a word. Threads mark progress and register what they wait on; a
 * daemon thread checks, and after {@code stallAfter} without progress writes one line naming the
 * last progress and each waiting thread, then again after each further {@code stallAfter}.
 *
 * <p>Marking progress costs two volatile writes and no allocation, so it can be called per step.
 */
public final class ProgressWatchdog implements AutoCloseable {
    private static final ProgressWatchdog DISABLED = new ProgressWatchdog();

    private final String who;
    private final long stallNanos;
    private final Consumer<String> out;
    private final Map<Thread, Wait> waits = new ConcurrentHashMap<>();
    private final Thread checker;
    private final boolean barriersOnly;
    private volatile long lastProgress = System.nanoTime();
    private volatile String lastWhat = "start";
    private volatile long lastStep = -1;

    private ProgressWatchdog() {
        this.who = "";
        this.stallNanos = Long.MAX_VALUE;
        this.out = line -> { };
        this.checker = null;
        this.barriersOnly = false;
    }

    private ProgressWatchdog(String who, Duration stallAfter, Consumer<String> out, boolean barriersOnly) {
        if (stallAfter.isNegative() || stallAfter.isZero()) {
            throw new IllegalArgumentException("stall time must be positive, not " + stallAfter);
        }
        this.barriersOnly = barriersOnly;
        this.who = who;
        this.stallNanos = stallAfter.toNanos();
        this.out = out;
        this.checker = new Thread(this::check, "dlio-watchdog");
        checker.setDaemon(true);
    }

    /**
     * Starts watching.
     *
     * @param who        names this process in the line, e.g. "rank 2 of 4 (host n07)"
     * @param stallAfter how long without progress before saying so; must be positive
     * @param out        where the line goes (standard error, a log)
     */
    public static ProgressWatchdog start(String who, Duration stallAfter, Consumer<String> out) {
        ProgressWatchdog w = new ProgressWatchdog(who, stallAfter, out, false);
        w.checker.start();
        return w;
    }

    /**
     * Starts watching the waits only: says nothing while no thread has waited {@code stallAfter},
     * for a process whose work between barriers (a long evaluation) marks no progress but is not stuck.
     */
    public static ProgressWatchdog startAtBarriers(String who, Duration stallAfter, Consumer<String> out) {
        ProgressWatchdog w = new ProgressWatchdog(who, stallAfter, out, true);
        w.checker.start();
        return w;
    }

    /** A watchdog that never says anything: progress and waits cost almost nothing. */
    public static ProgressWatchdog disabled() {
        return DISABLED;
    }

    /** Something moved: {@code what} (a constant such as "train step") reached {@code step}. */
    public void progress(String what, long step) {
        if (checker == null) {
            return;
        }
        lastWhat = what;
        lastStep = step;
        lastProgress = System.nanoTime();
    }

    /**
     * The calling thread starts waiting on {@code what} (asked only when a line is written, so it
     * can describe the state at that moment); closing the result ends the wait.
     */
    public Wait waiting(Supplier<String> what) {
        if (checker == null) {
            return Wait.NONE;
        }
        Wait w = new Wait(waits, Thread.currentThread(), what, System.nanoTime());
        waits.put(w.thread, w);
        return w;
    }

    /** The line to write at {@code now} ({@link System#nanoTime()}). */
    String report(long now) {
        StringBuilder line = new StringBuilder(who).append(": no progress for ").append(seconds(now - lastProgress))
                .append(" (last: ").append(lastWhat);
        if (lastStep >= 0) {
            line.append(' ').append(lastStep);
        }
        line.append(')');
        if (waits.isEmpty()) {
            line.append("; no thread waits at a barrier: this process itself is busy or blocked");
        }
        // threads waiting on the same thing (the K accelerators at one barrier) make one entry
        Map<String, List<Wait>> byWhat = new TreeMap<>();
        for (Wait w : waits.values()) {
            byWhat.computeIfAbsent(w.what.get(), k -> new ArrayList<>()).add(w);
        }
        byWhat.forEach((what, ws) -> {
            ws.sort(Comparator.comparing(w -> w.thread.getName()));
            long longest = now - ws.stream().mapToLong(w -> w.since).min().orElse(now);
            line.append("; ").append(ws.stream().map(w -> w.thread.getName()).collect(Collectors.joining(", ")))
                    .append(ws.size() == 1 ? " waits " : " wait ").append(seconds(longest)).append(" on ").append(what);
        });
        return line.toString();
    }

    @Override
    public void close() {
        if (checker != null) {
            checker.interrupt();
        }
    }

    private void check() {
        long period = Math.max(10_000_000L, Math.min(stallNanos / 4, 1_000_000_000L));
        long lastReport = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(period / 1_000_000L);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            long progress = barriersOnly ? Math.max(lastProgress, oldestWait(now)) : lastProgress;
            if (now - progress >= stallNanos && now - Math.max(progress, lastReport) >= stallNanos) {
                out.accept(report(now));
                lastReport = now;
            }
        }
    }

    /** When the longest current wait began; {@code now} when no thread waits. */
    private long oldestWait(long now) {
        return waits.values().stream().mapToLong(w -> w.since).min().orElse(now);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** One thread's wait; {@link #close()} ends it. */
    public static final class Wait implements AutoCloseable {
        private static final Wait NONE = new Wait(null, null, null, 0);

        private final Map<Thread, Wait> waits;
        private final Thread thread;
        private final Supplier<String> what;
        private final long since;

        private Wait(Map<Thread, Wait> waits, Thread thread, Supplier<String> what, long since) {
            this.waits = waits;
            this.thread = thread;
            this.what = what;
            this.since = since;
        }

        @Override
        public void close() {
            if (waits != null) {
                waits.remove(thread, this);
            }
        }
    }
}
