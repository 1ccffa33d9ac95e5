package org.dlioparquet.core.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.TraceLevel;
import org.dlioparquet.core.metrics.LatencyRecorder;
import org.dlioparquet.core.metrics.ReadLatencies;
import org.dlioparquet.core.metrics.RunClock;
import org.dlioparquet.core.metrics.StepTimeline;
import org.dlioparquet.core.metrics.trace.TraceBuffer;
import org.dlioparquet.core.metrics.trace.TraceEvent;
import org.dlioparquet.core.metrics.trace.TraceWriter;

/**
 * What one accelerator tells the run's observers as it goes: its step timeline (for the report),
 * its trace events, and its progress and current state (for the progress line and stall reports).
 * The accelerator's thread calls the hooks; the monitor thread reads the volatile state.
 * {@link #NONE} observes nothing and costs a branch per hook.
 */
final class RankProbe {
    /** The probe of an accelerator nobody observes. */
    static final RankProbe NONE = new RankProbe();

    /** What the accelerator is doing, for a stall report. */
    enum State { IDLE, WAITING, COMPUTING, BARRIER }

    final int rank;
    private final boolean enabled;
    private final StepTimeline timeline;
    private final TraceWriter trace;
    private final boolean traceSteps;
    private final boolean traceSamples;
    private final int samplesPerFile;
    private final List<ReaderProbe> readers = new CopyOnWriteArrayList<>();
    private TraceBuffer events;
    // ids and starts of the open spans on the accelerator's thread
    private long rootId;
    private long rootStart;
    private long epochId;
    private long epochStart;
    private long phaseId;
    private long phaseStart;
    // progress, read by the monitor thread
    private volatile int epoch;
    private volatile Split split;
    private volatile long phaseSteps;
    private volatile long phaseStartNanos;
    private volatile long stepsDone;
    private volatile long samplesDone;
    private volatile long bytesDone;
    private volatile long lastEpochNanos;
    private volatile State state = State.IDLE;
    private volatile long stateSince;
    // what the run leaves, read after the accelerator is done
    private ReadLatencies trainLatency;
    private ReadLatencies evalLatency;

    private RankProbe() {
        this.rank = -1;
        this.enabled = false;
        this.timeline = null;
        this.trace = null;
        this.traceSteps = false;
        this.traceSamples = false;
        this.samplesPerFile = 1;
    }

    /** @param trace null when the run is not traced */
    RankProbe(int rank, RunClock clock, int pointsPerPhase, TraceWriter trace, int samplesPerFile) {
        this.rank = rank;
        this.enabled = true;
        this.timeline = new StepTimeline(clock, pointsPerPhase);
        this.trace = trace;
        this.traceSteps = trace != null && trace.level().compareTo(TraceLevel.STEP) >= 0;
        this.traceSamples = trace != null && trace.level() == TraceLevel.SAMPLE;
        this.samplesPerFile = samplesPerFile;
    }

    // ---- hooks on the accelerator's thread ----

    void runStarted() {
        if (!enabled) {
            return;
        }
        if (trace != null) {
            events = trace.buffer();
            rootId = events.nextId();
            rootStart = System.nanoTime();
        }
    }

    void epochStarted(int e) {
        if (!enabled) {
            return;
        }
        epoch = e;
        epochStart = System.nanoTime();
        if (events != null) {
            epochId = events.nextId();
        }
    }

    void epochFinished(int e) {
        if (!enabled) {
            return;
        }
        long end = System.nanoTime();
        lastEpochNanos = end - epochStart;
        if (events != null) {
            events.complete(TraceEvent.EPOCH, 2, epochId, rootId, epochStart, end, e);
        }
    }

    void phaseStarted(Split s, int e, long steps, long startNanos) {
        if (!enabled) {
            return;
        }
        timeline.phaseStarted(s == Split.TRAIN ? "train" : "eval", e, steps, startNanos);
        stepsDone = 0;
        samplesDone = 0;
        bytesDone = 0;
        phaseSteps = steps;
        phaseStartNanos = startNanos;
        split = s;
        enter(State.WAITING, startNanos);
        if (events != null) {
            phaseId = events.nextId();
            phaseStart = startNanos;
        }
    }

    /** A batch arrived; the accelerator computes now. */
    void loaded(long nanos) {
        if (enabled) {
            enter(State.COMPUTING, nanos);
        }
    }

    /** The accelerator waits for the others at the step barrier. */
    void atBarrier(long nanos) {
        if (enabled) {
            enter(State.BARRIER, nanos);
        }
    }

    /**
     * Step {@code step} (from 0) is complete: it waited for its batch from {@code loadStart} to
     * {@code loaded}, computed until {@code computed}, and passed the barrier at {@code end}.
     */
    void stepDone(long step, long loadStart, long loaded, long computed, long end, BatchResult batch) {
        if (!enabled) {
            return;
        }
        timeline.step(loaded - loadStart, computed - loaded, end - computed, batch.storageBytes(), batch.samples(),
                end);
        if (traceSteps) {
            int e = epoch;
            long s = step + 1;
            events.complete(TraceEvent.FETCH_ITER, 4, events.nextId(), phaseId, loadStart, loaded, e, s);
            events.complete(TraceEvent.COMPUTE, 4, events.nextId(), phaseId, loaded, computed, e, s);
            if (end > computed && split == Split.TRAIN) {
                events.complete(TraceEvent.BARRIER, 4, events.nextId(), phaseId, computed, end, e, s);
            }
        }
        samplesDone += batch.samples();
        bytesDone += batch.storageBytes();
        stepsDone = step + 1;
        enter(State.WAITING, end);
    }

    void phaseFinished(Split s, int e, long steps, long endNanos) {
        if (!enabled) {
            return;
        }
        timeline.phaseFinished(endNanos);
        enter(State.IDLE, endNanos);
        if (events != null) {
            events.complete(s == Split.TRAIN ? TraceEvent.TRAIN : TraceEvent.EVALUATE, 3, phaseId, epochId,
                    phaseStart, endNanos, e);
            events.complete(TraceEvent.FETCH_BLOCK, 4, events.nextId(), phaseId, phaseStart, endNanos, e, steps);
        }
    }

    /** The accelerator is done; its loaders' latencies go into its timeline file. */
    void runFinished(ReadLatencies train, ReadLatencies eval) {
        if (!enabled) {
            return;
        }
        trainLatency = train;
        evalLatency = eval;
        if (events != null) {
            events.complete(TraceEvent.ROOT, 1, rootId, 0, rootStart, System.nanoTime());
            events.flush();
        }
    }

    private void enter(State s, long nanos) {
        stateSince = nanos;
        state = s;
    }

    // ---- for reader threads ----

    /** The probe of the calling reader thread, reading the files {@code files} names. */
    ReaderProbe reader(BatchReader.FileLocator files) {
        if (!enabled) {
            return ReaderProbe.NONE;
        }
        ReaderProbe r = new ReaderProbe(this, Thread.currentThread().getName(), files,
                traceSamples ? trace.buffer() : null, samplesPerFile);
        readers.add(r);
        return r;
    }

    int currentEpoch() {
        return epoch;
    }

    // ---- for the monitor thread ----

    Split split() {
        return split;
    }

    State state() {
        return state;
    }

    long stateSince() {
        return stateSince;
    }

    int epoch() {
        return epoch;
    }

    long phaseSteps() {
        return phaseSteps;
    }

    long stepsDone() {
        return stepsDone;
    }

    long samplesDone() {
        return samplesDone;
    }

    long bytesDone() {
        return bytesDone;
    }

    long phaseStartNanos() {
        return phaseStartNanos;
    }

    long lastEpochNanos() {
        return lastEpochNanos;
    }

    List<ReaderProbe> readers() {
        return readers;
    }

    // ---- after the run ----

    /** Whether this accelerator ran a step or a block: only then has it a timeline to write. */
    boolean ran() {
        return enabled && !timeline.isEmpty();
    }

    /** {@code <rank>_timeline.json}'s content. */
    Map<String, Object> timelineJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rank", rank);
        m.put("phases", timeline.toJson());
        Map<String, Object> latency = new LinkedHashMap<>();
        if (trainLatency != null) {
            latency.put("train_sample", buckets(trainLatency.perSample()));
            latency.put("train_batch", buckets(trainLatency.perBatch()));
        }
        if (evalLatency != null && evalLatency.perSample().count() > 0) {
            latency.put("eval_sample", buckets(evalLatency.perSample()));
            latency.put("eval_batch", buckets(evalLatency.perBatch()));
        }
        m.put("latency_ms", latency);
        return m;
    }

    private static Map<String, Object> buckets(LatencyRecorder r) {
        List<Double> upper = new ArrayList<>();
        List<Long> count = new ArrayList<>();
        for (LatencyRecorder.Bucket b : r.buckets()) {
            upper.add(b.upperMs());
            count.add(b.count());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("upper_ms", upper);
        m.put("count", count);
        return m;
    }
}
