package org.dlioparquet.core.metrics;

/** A checkpoint save or load. */
public enum CheckpointOp {
    SAVE("save", "saving"),
    LOAD("load", "loading");

    private final String word;
    private final String verb;

    CheckpointOp(String word, String verb) {
        this.word = word;
        this.verb = verb;
    }

    /** {@code save} or {@code load}, as DLIO's keys spell it. */
    public String word() {
        return word;
    }

    /** {@code saving} or {@code loading}, as DLIO's log lines spell it. */
    public String verb() {
        return verb;
    }

    /** DLIO's key in {@code <rank>_per_epoch_stats.json}: {@code save_ckpt<block>}. */
    public String statsKey(int block) {
        return word + "_ckpt" + block;
    }
}
