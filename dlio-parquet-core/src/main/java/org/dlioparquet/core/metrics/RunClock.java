package org.dlioparquet.core.metrics;

import java.time.Instant;

/**
 * One run's mapping from {@link System#nanoTime()} to wall-clock time, taken once so that traces,
 * step timelines and the report of every local accelerator share one time line.
 *
 * @param originEpochMicros wall-clock time at the origin, microseconds since 1970
 * @param originNanos       {@code System.nanoTime()} at the origin
 */
public record RunClock(long originEpochMicros, long originNanos) {

    public static RunClock start() {
        Instant now = Instant.now();
        return new RunClock(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000, System.nanoTime());
    }

    /** Microseconds since 1970 of a {@code System.nanoTime()} reading. */
    public long epochMicros(long nanos) {
        return originEpochMicros + Math.floorDiv(nanos - originNanos, 1_000L);
    }

    /** Milliseconds since 1970 of a {@code System.nanoTime()} reading, with fractions. */
    public double epochMillis(long nanos) {
        return originEpochMicros / 1e3 + (nanos - originNanos) / 1e6;
    }
}
