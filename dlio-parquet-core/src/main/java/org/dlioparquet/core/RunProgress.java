package org.dlioparquet.core;

import java.util.Locale;

/**
 * Where a run is, for a progress line: the block rank 0 is in and how fast this process reads.
 *
 * @param epoch            the current epoch, from 1
 * @param epochs           epochs the workload asks for ({@code train.epochs})
 * @param phase            {@code training} or {@code evaluation}
 * @param step             steps rank 0 has completed in this block
 * @param steps            steps of this block
 * @param samplesPerSecond samples of every accelerator of this process per second, since the block began
 * @param mibPerSecond     bytes read from storage by this process, MiB per second, since the block began
 * @param etaSeconds       estimated time to the end of the last epoch; negative when not known yet
 */
public record RunProgress(int epoch, int epochs, String phase, long step, long steps, double samplesPerSecond,
                          double mibPerSecond, double etaSeconds) {

    /** {@code epoch 2/5 training: step 130/500 (26%), 812.3 samples/s, 203.1 MB/s, ETA 3m12s}. */
    public String line() {
        int pct = steps == 0 ? 100 : (int) (100 * step / steps);
        return String.format(Locale.ROOT, "epoch %d/%d %s: step %d/%d (%d%%), %.1f samples/s, %.1f MB/s, ETA %s", epoch,
                epochs, phase, step, steps, pct, samplesPerSecond, mibPerSecond, etaSeconds < 0 ? "?"
                        : duration(etaSeconds));
    }

    /** {@code 45s}, {@code 3m12s}, {@code 2h05m}. */
    public static String duration(double seconds) {
        long t = Math.round(seconds);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
    }
}
