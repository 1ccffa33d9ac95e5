package org.dlioparquet.core.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One accelerator's steps over time, for the report: per training block or evaluation, its steps
 * in consecutive buckets of equal step count, each with the time spent waiting for data, computing
 * and at the barrier, the longest step, and the bytes and samples read. A phase keeps at most
 * {@code pointsPerPhase} buckets however many steps it has, so the file stays small on long runs.
 * Not thread-safe: fed by the accelerator's thread, read once it is done.
 */
public final class StepTimeline {
    private final RunClock clock;
    private final int pointsPerPhase;
    private final List<Phase> phases = new ArrayList<>();
    private Phase current;

    public StepTimeline(RunClock clock, int pointsPerPhase) {
        if (pointsPerPhase < 1) {
            throw new IllegalArgumentException("pointsPerPhase must be >= 1, got " + pointsPerPhase);
        }
        this.clock = clock;
        this.pointsPerPhase = pointsPerPhase;
    }

    /** @param kind {@code train} or {@code eval} */
    public void phaseStarted(String kind, int epoch, long steps, long startNanos) {
        long perBucket = Math.max(1, (steps + pointsPerPhase - 1) / pointsPerPhase);
        int buckets = (int) Math.min(pointsPerPhase, Math.max(1, steps));
        current = new Phase(kind, epoch, steps, perBucket, startNanos, buckets);
        phases.add(current);
    }

    /** One step: its wait for data, compute and barrier time, and what its batch read. */
    public void step(long waitNanos, long computeNanos, long barrierNanos, long storageBytes, int samples,
                     long endNanos) {
        current.add(waitNanos, computeNanos, barrierNanos, storageBytes, samples, endNanos);
    }

    public void phaseFinished(long endNanos) {
        current.finish(endNanos);
        current = null;
    }

    public boolean isEmpty() {
        return phases.isEmpty();
    }

    /** The phases as written to {@code <rank>_timeline.json}: columns of equal length per phase. */
    public List<Map<String, Object>> toJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Phase p : phases) {
            out.add(p.toJson(clock));
        }
        return out;
    }

    private static final class Phase {
        final String kind;
        final int epoch;
        final long steps;
        final long perBucket;
        final long startNanos;
        long endNanos;
        final long[] firstStep;
        final int[] count;
        /** When the last step of each bucket ended. */
        final long[] endAt;
        final long[] wait;
        final long[] compute;
        final long[] barrier;
        final long[] maxStep;
        final long[] bytes;
        final long[] samples;
        int buckets;
        long stepsSeen;

        Phase(String kind, int epoch, long steps, long perBucket, long startNanos, int capacity) {
            this.kind = kind;
            this.epoch = epoch;
            this.steps = steps;
            this.perBucket = perBucket;
            this.startNanos = startNanos;
            this.firstStep = new long[capacity];
            this.count = new int[capacity];
            this.endAt = new long[capacity];
            this.wait = new long[capacity];
            this.compute = new long[capacity];
            this.barrier = new long[capacity];
            this.maxStep = new long[capacity];
            this.bytes = new long[capacity];
            this.samples = new long[capacity];
        }

        void add(long w, long c, long b, long storage, int n, long end) {
            int i = (int) (stepsSeen / perBucket);
            if (i >= firstStep.length) {
                i = firstStep.length - 1; // more steps than planned (never expected): widen the last bucket
            }
            if (i >= buckets) {
                buckets = i + 1;
                firstStep[i] = stepsSeen;
            }
            count[i]++;
            wait[i] += w;
            compute[i] += c;
            barrier[i] += b;
            maxStep[i] = Math.max(maxStep[i], w + c + b);
            bytes[i] += storage;
            samples[i] += n;
            endAt[i] = end;
            stepsSeen++;
        }

        void finish(long end) {
            endNanos = end;
        }

        Map<String, Object> toJson(RunClock clock) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", kind);
            m.put("epoch", epoch);
            m.put("steps", steps);
            m.put("bucket_steps", perBucket);
            m.put("start_ms", round3(clock.epochMillis(startNanos)));
            m.put("end_ms", round3(clock.epochMillis(endNanos)));
            List<Long> first = new ArrayList<>();
            List<Integer> n = new ArrayList<>();
            List<Double> t = new ArrayList<>();
            List<Double> ws = new ArrayList<>();
            List<Double> cs = new ArrayList<>();
            List<Double> bs = new ArrayList<>();
            List<Double> max = new ArrayList<>();
            List<Long> by = new ArrayList<>();
            List<Long> sa = new ArrayList<>();
            for (int i = 0; i < buckets; i++) {
                first.add(firstStep[i]);
                n.add(count[i]);
                t.add(round3(clock.epochMillis(endAt[i])));
                ws.add(seconds(wait[i]));
                cs.add(seconds(compute[i]));
                bs.add(seconds(barrier[i]));
                max.add(seconds(maxStep[i]));
                by.add(bytes[i]);
                sa.add(samples[i]);
            }
            m.put("first_step", first);
            m.put("step_count", n);
            m.put("t_ms", t);
            m.put("wait_s", ws);
            m.put("compute_s", cs);
            m.put("barrier_s", bs);
            m.put("max_step_s", max);
            m.put("bytes", by);
            m.put("samples", sa);
            return m;
        }
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e3) / 1e6;
    }

    private static double round3(double v) {
        return Math.round(v * 1e3) / 1e3;
    }
}
