package org.dlioparquet.core.metrics.trace;

import org.dlioparquet.core.config.TraceLevel;

/**
 * The events a trace holds: DLIO's {@code dft_ai} names and categories ({@code cat}) for the
 * pipeline, and DFTracer's POSIX names for file calls, so that DFAnalyzer's default I/O condition
 * ({@code cat == "POSIX"}) and its reading of {@code args.ret} count our bytes. {@link #args} names
 * the event's numeric arguments in the order the recording call passes them.
 */
public enum TraceEvent {
    /** The whole run on one rank. */
    ROOT("ai_root", "ai_root", TraceLevel.EPOCH),
    /** One epoch: training and any evaluation after it ({@code epoch.block}, as DLIO names it). */
    EPOCH("epoch.block", "pipeline", TraceLevel.EPOCH, "epoch"),
    TRAIN("train", "pipeline", TraceLevel.EPOCH, "epoch"),
    EVALUATE("evaluate", "pipeline", TraceLevel.EPOCH, "epoch"),
    /** The loop over a block's batches; {@code count} = steps. */
    FETCH_BLOCK("fetch.block", "dataloader", TraceLevel.EPOCH, "epoch", "count"),
    /** Waiting for one batch. */
    FETCH_ITER("fetch.iter", "dataloader", TraceLevel.STEP, "epoch", "step"),
    COMPUTE("compute", "compute", TraceLevel.STEP, "epoch", "step"),
    /** Waiting for the other accelerators at the end of a step (DLIO's all-reduce). */
    BARRIER("barrier", "comm", TraceLevel.STEP, "epoch", "step"),
    /**
     * Reading {@code count} consecutive samples of one file with one call (DLIO: one event per
     * sample); {@code image_idx} is the first one, {@code image_size} the decoded bytes of all.
     */
    ITEM("item", "data", TraceLevel.SAMPLE, "epoch", "step", "image_idx", "count", "image_size"),
    PREPROCESS("preprocess", "data", TraceLevel.SAMPLE, "epoch", "step", "image_idx", "count"),
    CHECKPOINT_CAPTURE("capture", "checkpoint", TraceLevel.EPOCH, "epoch", "step", "size"),
    CHECKPOINT_RESTART("restart", "checkpoint", TraceLevel.EPOCH, "epoch", "step", "size"),
    OPEN("open64", "POSIX", TraceLevel.SAMPLE, "fhash"),
    /** A positional read: {@code count} bytes asked for at {@code offset}, {@code ret} bytes read. */
    PREAD("pread64", "POSIX", TraceLevel.SAMPLE, "fhash", "offset", "count", "ret"),
    /** A read at the channel's position. */
    READ("read", "POSIX", TraceLevel.SAMPLE, "fhash", "count", "ret"),
    CLOSE("close", "POSIX", TraceLevel.SAMPLE, "fhash");

    /** Arguments an event can carry. */
    static final int MAX_ARGS = 5;

    private final String eventName;
    private final String category;
    private final TraceLevel level;
    private final String[] args;

    TraceEvent(String eventName, String category, TraceLevel level, String... args) {
        this.eventName = eventName;
        this.category = category;
        this.level = level;
        this.args = args;
    }

    /** DFTracer's {@code name}. */
    public String eventName() {
        return eventName;
    }

    /** DFTracer's {@code cat}. */
    public String category() {
        return category;
    }

    /** The least trace level that records this event. */
    public TraceLevel level() {
        return level;
    }

    String arg(int i) {
        return args[i];
    }

    int argCount() {
        return args.length;
    }
}
