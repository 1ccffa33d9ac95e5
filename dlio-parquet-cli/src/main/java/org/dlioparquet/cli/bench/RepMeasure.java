package org.dlioparquet.cli.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * One repetition's figures: named values ({@code mibps}, {@code samplesps}, ...) and, for cases
 * that time many small events, the individual samples.
 */
public record RepMeasure(Map<String, Double> values, double[] samples) {
    public static final String MIBPS = "mibps";
    public static final String SAMPLESPS = "samplesps";
    public static final String SECONDS = "seconds";
    public static final String BYTES = "bytes";
    public static final String THREADS = "threads";
    /** In a warm-up's measure: how many repetitions the warm-up ran. */
    public static final String WARM_UP_REPS = "warmUpReps";
    /** The share of a child's repetition during which its JIT compilers were compiling. */
    public static final String JIT_SHARE = "jitShare";
    /** Tries of a measured repetition set aside because the JIT was busy during them. */
    public static final String JIT_REDOS = "jitRedos";

    public RepMeasure {
        values = Map.copyOf(values);
        samples = samples == null ? new double[0] : samples.clone();
    }

    public static RepMeasure of(Map<String, Double> values) {
        return new RepMeasure(values, null);
    }

    /** A baseline's repetition: {@code bytes} moved in {@code seconds}, as MiB/s, bytes and seconds. */
    public static RepMeasure throughput(long bytes, double seconds) {
        return of(Map.of(MIBPS, bytes / 1048576.0 / seconds, BYTES, (double) bytes, SECONDS, seconds));
    }

    /** This measure with {@code key} set to {@code value}. */
    public RepMeasure with(String key, double value) {
        Map<String, Double> v = new HashMap<>(values);
        v.put(key, value);
        return new RepMeasure(v, samples);
    }

    /** The named value, NaN when this repetition did not report it. */
    public double get(String key) {
        Double v = values.get(key);
        return v == null ? Double.NaN : v;
    }

    @Override
    public double[] samples() {
        return samples.clone();
    }
}
