package org.dlioparquet.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The step timelines of a run's accelerators ({@code <rank>_timeline.json}) read back, and the
 * series the report draws from them: time split per step, bytes and samples over time, latency
 * distributions.
 */
final class Timelines {
    /** Most points a time series of the report has; longer ones are thinned evenly. */
    static final int MAX_POINTS = 1500;

    /** One block of one accelerator, its buckets of steps as columns. */
    record Phase(int rank, String kind, int epoch, long steps, double startMs, double endMs, long[] firstStep,
                 long[] count, double[] endAt, double[] waitS, double[] computeS, double[] barrierS, double[] maxStep,
                 long[] bytes, long[] samples) {

        double total(double[] column) {
            double s = 0;
            for (double v : column) {
                s += v;
            }
            return s;
        }

        long totalBytes() {
            long s = 0;
            for (long v : bytes) {
                s += v;
            }
            return s;
        }

        /** When bucket {@code i} began: the previous bucket's end, or the block's start. */
        double bucketStart(int i) {
            return i == 0 ? startMs : endAt[i - 1];
        }
    }

    final SortedMap<Integer, List<Phase>> byRank = new TreeMap<>();
    final SortedMap<Integer, JsonNode> raw;

    Timelines(SortedMap<Integer, JsonNode> timelines) {
        this.raw = timelines;
        timelines.forEach((rank, node) -> {
            List<Phase> phases = new ArrayList<>();
            for (JsonNode p : node.path("phases")) {
                phases.add(new Phase(rank, p.path("kind").asText(), p.path("epoch").asInt(), p.path("steps").asLong(),
                        p.path("start_ms").asDouble(), p.path("end_ms").asDouble(), longs(p.path("first_step")),
                        longs(p.path("step_count")), doubles(p.path("t_ms")), doubles(p.path("wait_s")),
                        doubles(p.path("compute_s")), doubles(p.path("barrier_s")), doubles(p.path("max_step_s")),
                        longs(p.path("bytes")), longs(p.path("samples"))));
            }
            byRank.put(rank, phases);
        });
    }

    boolean isEmpty() {
        return byRank.values().stream().allMatch(List::isEmpty);
    }

    int ranks() {
        return byRank.size();
    }

    /** The earliest time anything of the run started (generation included), ms since 1970. */
    double originMs() {
        double min = Double.POSITIVE_INFINITY;
        for (List<Phase> phases : byRank.values()) {
            for (Phase p : phases) {
                min = Math.min(min, p.startMs());
            }
        }
        for (JsonNode t : raw.values()) {
            JsonNode g = t.path("generation");
            if (g.has("start_ms")) {
                min = Math.min(min, g.path("start_ms").asDouble());
            }
        }
        return Double.isFinite(min) ? min : 0;
    }

    /** The generation phase, if the run generated its data (from the first rank that says so). */
    JsonNode generation() {
        for (JsonNode t : raw.values()) {
            if (t.has("generation")) {
                return t.get("generation");
            }
        }
        return null;
    }

    List<Phase> phases(int rank, String kind) {
        return byRank.getOrDefault(rank, List.of()).stream().filter(p -> p.kind().equals(kind)).toList();
    }

    /** Seconds waiting, computing and at the barrier in the {@code kind} blocks of {@code rank}, in that order. */
    double[] split(int rank, String kind) {
        double[] s = new double[3];
        for (Phase p : phases(rank, kind)) {
            s[0] += p.total(p.waitS());
            s[1] += p.total(p.computeS());
            s[2] += p.total(p.barrierS());
        }
        return s;
    }

    /**
     * Per bucket of training steps through the run: {x = step number at the bucket's end, mean
     * wait, compute and barrier per step (ms), longest step (ms)}, averaged over the ranks whose
     * buckets line up (all of them, when every rank runs the same steps).
     */
    double[][] stepSeries() {
        List<double[][]> perRank = new ArrayList<>();
        for (int rank : byRank.keySet()) {
            perRank.add(stepSeries(phases(rank, "train")));
        }
        if (perRank.isEmpty()) {
            return new double[5][0];
        }
        double[][] first = perRank.get(0);
        int n = first[0].length;
        double[][] out = new double[5][n];
        int used = 0;
        for (double[][] r : perRank) {
            if (r[0].length != n) {
                continue;
            }
            used++;
            for (int i = 0; i < n; i++) {
                out[0][i] = r[0][i];
                for (int k = 1; k <= 3; k++) {
                    out[k][i] += r[k][i];
                }
                out[4][i] = Math.max(out[4][i], r[4][i]);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int k = 1; k <= 3; k++) {
                out[k][i] /= used;
            }
        }
        return thin(out);
    }

    private static double[][] stepSeries(List<Phase> phases) {
        int n = phases.stream().mapToInt(p -> p.count().length).sum();
        double[][] out = new double[5][n];
        long before = 0;
        int i = 0;
        for (Phase p : phases) {
            for (int b = 0; b < p.count().length; b++) {
                long c = Math.max(1, p.count()[b]);
                out[0][i] = before + p.firstStep()[b] + p.count()[b];
                out[1][i] = 1000 * p.waitS()[b] / c;
                out[2][i] = 1000 * p.computeS()[b] / c;
                out[3][i] = 1000 * p.barrierS()[b] / c;
                out[4][i] = 1000 * p.maxStep()[b];
                i++;
            }
            before += p.steps();
        }
        return out;
    }

    /**
     * Columns over a common time axis (seconds since {@code originMs}): for each rank, either its
     * cumulative bytes read or its rate (bytes or samples per second of the bucket a time falls in;
     * a gap between blocks). Row 0 is the time axis.
     */
    double[][] overTime(double originMs, Measure measure, boolean cumulative) {
        TreeSet<Double> grid = new TreeSet<>();
        for (List<Phase> phases : byRank.values()) {
            for (Phase p : phases) {
                grid.add(p.startMs());
                for (double t : p.endAt()) {
                    grid.add(t);
                }
            }
        }
        double[] times = grid.stream().mapToDouble(Double::doubleValue).toArray();
        times = thinAxis(times);
        double[][] out = new double[1 + byRank.size()][times.length];
        for (int i = 0; i < times.length; i++) {
            out[0][i] = (times[i] - originMs) / 1000;
        }
        int row = 1;
        for (List<Phase> phases : byRank.values()) {
            Buckets b = new Buckets(phases, measure);
            for (int i = 0; i < times.length; i++) {
                out[row][i] = cumulative ? b.cumulativeAt(times[i]) : b.rateAt(times[i]);
            }
            row++;
        }
        return out;
    }

    enum Measure { BYTES, SAMPLES }

    /** One rank's buckets in time order, with running totals, for lookups by time. */
    private static final class Buckets {
        final double[] start;
        final double[] end;
        final double[] value;
        /** {@code total[i]}: the sum of the first {@code i} buckets. */
        final double[] total;

        Buckets(List<Phase> phases, Measure m) {
            int n = phases.stream().mapToInt(p -> p.endAt().length).sum();
            start = new double[n];
            end = new double[n];
            value = new double[n];
            total = new double[n + 1];
            int i = 0;
            for (Phase p : phases) {
                for (int b = 0; b < p.endAt().length; b++) {
                    start[i] = p.bucketStart(b);
                    end[i] = p.endAt()[b];
                    value[i] = m == Measure.BYTES ? p.bytes()[b] : p.samples()[b];
                    total[i + 1] = total[i] + value[i];
                    i++;
                }
            }
        }

        /** The number of buckets that ended by {@code t}. */
        private int endedBy(double t) {
            int lo = 0;
            int hi = end.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (end[mid] <= t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        double cumulativeAt(double t) {
            return total[endedBy(t)];
        }

        /** The rate of the bucket that {@code t} falls in (after its start, up to its end), or NaN between blocks. */
        double rateAt(double t) {
            int i = endedBy(t);
            if (i > 0 && end[i - 1] == t) {
                i--;
            }
            if (i >= end.length || !(t > start[i] && t <= end[i])) {
                return Double.NaN;
            }
            double seconds = (end[i] - start[i]) / 1000;
            return seconds > 0 ? value[i] / seconds : Double.NaN;
        }
    }

    /** Latency distribution of {@code kind} ({@code train_sample}, ...) over all ranks: {upper ms, count}. */
    double[][] latency(String kind) {
        SortedMap<Double, Long> merged = new TreeMap<>();
        for (JsonNode t : raw.values()) {
            JsonNode h = t.path("latency_ms").path(kind);
            JsonNode upper = h.path("upper_ms");
            JsonNode count = h.path("count");
            for (int i = 0; i < upper.size() && i < count.size(); i++) {
                merged.merge(upper.get(i).asDouble(), count.get(i).asLong(), Long::sum);
            }
        }
        double[][] out = new double[2][merged.size()];
        int i = 0;
        for (Map.Entry<Double, Long> e : merged.entrySet()) {
            out[0][i] = e.getKey();
            out[1][i] = e.getValue();
            i++;
        }
        return out;
    }

    /** Evenly thinned columns when there are more than {@link #MAX_POINTS} points. */
    private static double[][] thin(double[][] cols) {
        int n = cols[0].length;
        if (n <= MAX_POINTS) {
            return cols;
        }
        double[][] out = new double[cols.length][MAX_POINTS];
        for (int i = 0; i < MAX_POINTS; i++) {
            int at = (int) ((long) i * (n - 1) / (MAX_POINTS - 1));
            for (int c = 0; c < cols.length; c++) {
                out[c][i] = cols[c][at];
            }
        }
        return out;
    }

    private static double[] thinAxis(double[] times) {
        return thinned(times);
    }

    /** At most {@link #MAX_POINTS} of {@code axis}, evenly spread, the ends kept. */
    static double[] thinned(double[] axis) {
        return thin(new double[][] {axis})[0];
    }

    private static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
