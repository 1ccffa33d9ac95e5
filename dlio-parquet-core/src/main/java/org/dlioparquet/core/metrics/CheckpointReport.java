package org.dlioparquet.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The checkpoint lines a user reads: one as each save or load starts and ends, and the {@code [METRIC]} lines. */
public final class CheckpointReport {
    private CheckpointReport() {
    }

    /** DLIO's line: {@code Starting saving checkpoint 1 after total step 16 for epoch 1}. */
    public static String startLine(CheckpointOp op, int epoch, long step, int block) {
        return String.format(Locale.ROOT, "Starting %s checkpoint %d after total step %d for epoch %d", op.verb(), block,
                step, epoch);
    }

    /**
     * {@code Finished saving checkpoint 1 (global_epoch1_step1) in 3.2100 s: 112425623552 bytes (104.70 GiB),
     * 32.6185 GiB/s (slowest of 8 ranks: rank 5)}.
     */
    public static String finishedLine(JobCheckpoint c) {
        return String.format(Locale.ROOT, "Finished %s checkpoint %d (%s) in %.4f s: %d bytes (%.2f GiB), %.4f GiB/s "
                        + "(slowest of %d rank%s: rank %d)", c.op().verb(), c.block(), c.checkpointName(), c.seconds(),
                c.bytes(), c.bytes() / CheckpointTiming.GIB, c.gibPerSecond(), c.ranks().size(),
                c.ranks().size() == 1 ? "" : "s", c.slowest().rank());
    }

    /** The checkpoint lines of the {@code [METRIC]} block, DLIO's labels first (their "GB" is GiB). */
    public static List<String> metricLines(CheckpointSummary s) {
        List<String> out = new ArrayList<>();
        for (CheckpointOp op : CheckpointOp.values()) {
            if (s.of(op).isEmpty()) {
                continue;
            }
            out.add(String.format(Locale.ROOT, "[METRIC] Checkpoint %s duration (seconds): %.4f (%.4f)", op.word(),
                    Stats.mean(s.seconds(op)), Stats.populationStdev(s.seconds(op))));
            out.add(String.format(Locale.ROOT, "[METRIC] Checkpoint %s I/O Throughput (GB/second): %.4f (%.4f)", op.word(),
                    Stats.mean(s.gibPerSecond(op)), Stats.populationStdev(s.gibPerSecond(op))));
        }
        out.add(String.format(Locale.ROOT, "[METRIC] Checkpoint size: %.4f GiB (%d bytes in %d files over %d ranks; "
                        + "durations are the slowest rank's%s%s)", s.sizeGiB(), s.bytesPerCheckpoint(),
                s.filesPerCheckpoint(), s.ranks(), s.fsync() ? ", fsync" : "", s.odirect() ? ", O_DIRECT" : ""));
        return out;
    }
}
