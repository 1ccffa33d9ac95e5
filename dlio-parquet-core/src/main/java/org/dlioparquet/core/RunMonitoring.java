package org.dlioparquet.core;

import java.time.Duration;
import java.util.Objects;

/**
 * What a run reports while and after it runs, beyond its result files.
 *
 * @param report           write {@code report.html} in the output folder at the end (the process
 *                         with rank 0 only)
 * @param progressInterval how often {@link RunListener#progress} is called while epochs run;
 *                         {@link Duration#ZERO} for never
 * @param stallTimeout     after how long waiting for a batch (or at the step barrier) without one
 *                         arriving the run says what its readers are doing, through
 *                         {@link RunListener#message}; {@link Duration#ZERO} for never
 */
public record RunMonitoring(boolean report, Duration progressInterval, Duration stallTimeout) {
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);

    public RunMonitoring {
        Objects.requireNonNull(progressInterval, "progressInterval");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        if (progressInterval.isNegative() || stallTimeout.isNegative()) {
            throw new IllegalArgumentException("progress interval and stall timeout must not be negative");
        }
    }

    /** A report, no progress calls, stall messages after {@link #DEFAULT_STALL_TIMEOUT}. */
    public static RunMonitoring defaults() {
        return new RunMonitoring(true, Duration.ZERO, DEFAULT_STALL_TIMEOUT);
    }

    public RunMonitoring withReport(boolean value) {
        return new RunMonitoring(value, progressInterval, stallTimeout);
    }

    public RunMonitoring withProgressInterval(Duration value) {
        return new RunMonitoring(report, value, stallTimeout);
    }

    public RunMonitoring withStallTimeout(Duration value) {
        return new RunMonitoring(report, progressInterval, value);
    }
}
