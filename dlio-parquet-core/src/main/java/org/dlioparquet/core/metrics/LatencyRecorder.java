package org.dlioparquet.core.metrics;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Latencies in nanoseconds (1 µs to 1 hour), one instance per thread; {@link #merge} combines them
 * at the end. HdrHistogram keeps memory constant however many samples are recorded. Two
 * significant digits keep every reported value within 1 % of the exact one (buckets are at most
 * 1/128 wide) in 28 KB per histogram; three cost 197 KB, and a run holds two per reader thread.
 */
public final class LatencyRecorder {
    private static final long HIGHEST = 3_600_000_000_000L;
    private static final int SIGNIFICANT_DIGITS = 2;
    private final Histogram histogram = new Histogram(1_000, HIGHEST, SIGNIFICANT_DIGITS);

    public void record(long nanos) {
        histogram.recordValue(clamp(nanos));
    }

    /** Records {@code count} samples of the same latency (a run of samples read with one call). */
    public void record(long nanos, long count) {
        histogram.recordValueWithCount(clamp(nanos), count);
    }

    private static long clamp(long nanos) {
        return Math.max(1_000, Math.min(HIGHEST, nanos));
    }

    public void merge(LatencyRecorder other) {
        histogram.add(other.histogram);
    }

    /** The recorded latencies as bytes (compressed), for another process to {@link #mergeBytes merge}. */
    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] out = new byte[length];
        buffer.flip();
        buffer.get(out);
        return out;
    }

    /** Adds the latencies another recorder wrote with {@link #toBytes()}. */
    public void mergeBytes(byte[] bytes) {
        try {
            histogram.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), HIGHEST));
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not an encoded latency histogram", e);
        }
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** p50, p90, p99, max and mean in milliseconds. */
    public Percentiles percentiles() {
        if (histogram.getTotalCount() == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0);
        }
        return new Percentiles(histogram.getTotalCount(), ms(histogram.getValueAtPercentile(50)),
                ms(histogram.getValueAtPercentile(90)), ms(histogram.getValueAtPercentile(99)),
                ms(histogram.getMaxValue()), histogram.getMean() / 1e6);
    }

    /**
     * The distribution in buckets whose bounds grow by {@link #BUCKET_FACTOR} from 1 µs: for each
     * bucket from the first non-empty one to the last, its upper bound in milliseconds and its
     * count (empty ones in between included, so that a histogram drawn from them has no holes).
     * Every recorder has the same bounds, so the buckets of several add up.
     */
    public List<Bucket> buckets() {
        List<Bucket> out = new ArrayList<>();
        int lastNonEmpty = -1;
        for (HistogramIterationValue v : histogram.logarithmicBucketValues(1_000, BUCKET_FACTOR)) {
            long n = v.getCountAddedInThisIterationStep();
            if (n > 0 || !out.isEmpty()) {
                out.add(new Bucket(ms(v.getValueIteratedTo()), n));
            }
            if (n > 0) {
                lastNonEmpty = out.size() - 1;
            }
        }
        return out.subList(0, lastNonEmpty + 1);
    }

    /** Growth of the bucket bounds of {@link #buckets()}: four buckets per doubling. */
    public static final double BUCKET_FACTOR = Math.pow(2, 0.25);

    /** Latencies up to {@code upperMs} (and above the previous bucket's bound): {@code count}. */
    public record Bucket(double upperMs, long count) {
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Latency percentiles in milliseconds. */
    public record Percentiles(long count, double p50, double p90, double p99, double max, double mean) {
    }
}
