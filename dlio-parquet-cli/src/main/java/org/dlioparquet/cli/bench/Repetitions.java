package org.dlioparquet.cli.bench;

import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A child's repetitions of its work, each with the share of it during which the JIT compiled.
 * Each repetition is a whole run (workload parsed, summary written): code that runs once per run,
 * and per-batch code of a small dataset, reaches the optimising compiler only after dozens of
 * runs, and on two cores the compiler threads take a core from a case whose threads use both. So
 * the warm-up goes on while the JIT is busy, and a measured repetition during which it was busy
 * is done again (a bounded number of times, and said in the measure).
 */
final class Repetitions {
    /** A repetition during which the JIT compiled for at most this share of its wall time is quiet. */
    static final double QUIET_SHARE = 0.05;
    /** Quiet repetitions in a row that end a warm-up once its seconds have passed. */
    static final int QUIET_IN_A_ROW = 3;
    /** A warm-up waits for the JIT for at most this many times its seconds in all. */
    static final int LONGEST_WARM_UP = 3;
    /** How many times a measured repetition is done again while the JIT was busy during it. */
    static final int MAX_REDOS = 3;

    private final ChildWork work;
    private final Supplier<DoubleSupplier> jit;
    private final LongSupplier nanoTime;
    private final int maxRedos;

    /**
     * @param jit      starts timing the JIT; what it returns gives the JIT's share of the time since
     * @param nanoTime the clock of the warm-up's seconds
     * @param maxRedos how many times a measured repetition may be done again
     */
    Repetitions(ChildWork work, Supplier<DoubleSupplier> jit, LongSupplier nanoTime, int maxRedos) {
        this.work = work;
        this.jit = jit;
        this.nanoTime = nanoTime;
        this.maxRedos = maxRedos;
    }

    /**
     * Measures this JVM's JIT. Without a warm-up ({@code --quick}) the JIT is busy in every
     * repetition and nothing is done again: that run is quick, not steady.
     */
    static Repetitions of(ChildWork work, double warmUpSeconds) {
        return new Repetitions(work, () -> JitActivity.start()::share, System::nanoTime, maxRedos(warmUpSeconds));
    }

    /** How many times a measured repetition may be done again after a warm-up of {@code warmUpSeconds}. */
    static int maxRedos(double warmUpSeconds) {
        return warmUpSeconds > 0 ? MAX_REDOS : 0;
    }

    /**
     * Repeats the work for {@code seconds} (at least once), then, up to {@value #LONGEST_WARM_UP}
     * times {@code seconds} in all, until {@value #QUIET_IN_A_ROW} quiet repetitions in a row.
     * Returns the last repetition's measure with the number of repetitions.
     */
    RepMeasure warmUp(double seconds) throws Exception {
        long start = nanoTime.getAsLong();
        long until = start + (long) (seconds * 1e9);
        long latest = start + (long) (LONGEST_WARM_UP * seconds * 1e9);
        RepMeasure last;
        int reps = 0;
        int quiet = 0;
        long now;
        do {
            last = timed();
            reps++;
            quiet = isQuiet(last) ? quiet + 1 : 0;
            now = nanoTime.getAsLong();
        } while (now < until || quiet < QUIET_IN_A_ROW && now < latest);
        return last.with(RepMeasure.WARM_UP_REPS, reps);
    }

    /**
     * A measured repetition, done again (up to the given times) while the JIT was busy during it;
     * the last try counts, quiet or not, with how many tries were set aside.
     */
    RepMeasure measured() throws Exception {
        RepMeasure m = timed();
        int redone = 0;
        while (!isQuiet(m) && redone < maxRedos) {
            m = timed();
            redone++;
        }
        return m.with(RepMeasure.JIT_REDOS, redone);
    }

    private RepMeasure timed() throws Exception {
        DoubleSupplier share = jit.get();
        RepMeasure m = work.rep();
        return m.with(RepMeasure.JIT_SHARE, share.getAsDouble());
    }

    private static boolean isQuiet(RepMeasure m) {
        return m.get(RepMeasure.JIT_SHARE) <= QUIET_SHARE;
    }
}
