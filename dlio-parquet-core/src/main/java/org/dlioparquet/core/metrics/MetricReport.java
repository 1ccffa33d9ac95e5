package org.dlioparquet.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lines a DLIO user reads: one per epoch, and the {@code [METRIC]} block at the end. Every rate
 * is over DLIO's window of steps ({@link BlockMetrics}); MB are MiB, as DLIO's.
 */
public final class MetricReport {
    private static final String RULE = "[METRIC] ==========================================================";

    private MetricReport() {
    }

    /**
     * {@code Epoch 2: 321.30 samples/s, 80.32 MB/s (read 81.00 MB/s, amplification 1.00), AU 87.20 %,
     * 16 steps in 0.22 s}: DLIO's figures, the bytes read per second over the same steps, and the
     * bytes read over the on-disk bytes of the samples delivered.
     */
    public static String epochLine(EpochSummary e) {
        StringBuilder sb = new StringBuilder();
        if (e.train() != null) {
            PhaseSummary t = e.train();
            sb.append(String.format(Locale.ROOT, "Epoch %d: %.2f samples/s, %.2f MB/s (read %.2f MB/s, amplification "
                    + "%.2f), AU %.2f %%, %d steps in %.2f s", e.epoch(), t.samplesPerSecond(), t.nominalMiBps(),
                    t.storageMiBps(), t.readAmplification(), t.au(), t.steps(), t.seconds()));
            if (t.filesReadAgain() > 0) {
                sb.append(", ").append(t.filesReadAgain()).append(" files read again");
            }
        } else {
            sb.append("Epoch ").append(e.epoch()).append(':');
        }
        if (e.eval() != null) {
            PhaseSummary v = e.eval();
            sb.append(String.format(Locale.ROOT, "%s eval %.2f samples/s, AU %.2f %%",
                    e.train() != null ? ";" : "", v.samplesPerSecond(), v.au()));
        }
        if (e.train() != null && e.train().skipped() > 0) {
            sb.append(", ").append(e.train().skipped()).append(" samples skipped");
        }
        return sb.toString();
    }

    /** DLIO's closing block, with our measured additions marked. */
    public static List<String> metricBlock(RunSummary s) {
        List<String> out = new ArrayList<>();
        out.add(RULE);
        out.add("[METRIC] Number of Simulated Accelerators: " + s.numAccelerators());
        if (s.hasTraining()) {
            out.add(meanStd("Training Accelerator Utilization [AU] (%)", s.train(PhaseSummary::au)));
            out.add(meanStd("Training Throughput (samples/second)", s.train(PhaseSummary::samplesPerSecond)));
            out.add(meanStd("Training I/O Throughput (MB/second)", s.train(PhaseSummary::nominalMiBps)));
            out.add(meanStd("Training I/O Throughput, measured read (MB/second)", s.train(PhaseSummary::storageMiBps)));
            out.add(meanStd("Training read amplification (bytes read / bytes of the samples)",
                    s.train(PhaseSummary::readAmplification)));
            out.add(latency("Training sample read latency (ms)", s.trainSampleLatency()));
            out.add("[METRIC] train_au_meet_expectation: " + (s.trainMeetsAu() ? "success" : "fail"));
        }
        if (s.hasEvaluation()) {
            out.add(meanStd("Eval Accelerator Utilization [AU] (%)", s.eval(PhaseSummary::au)));
            out.add(meanStd("Eval Throughput (samples/second)", s.eval(PhaseSummary::samplesPerSecond)));
            out.add(meanStd("Eval I/O Throughput (MB/second)", s.eval(PhaseSummary::nominalMiBps)));
            out.add("[METRIC] eval_au_meet_expectation: " + (s.evalMeetsAu() ? "success" : "fail"));
        }
        out.add(String.format(Locale.ROOT, "[METRIC] Harness CPU: %.2f s (%.1f %% of %d cores)",
                s.harnessCpuSeconds(), s.harnessCpuPercent(), s.jobCpuCount()));
        if (!s.skippedFiles().isEmpty()) {
            out.add("[METRIC] Skipped corrupt files: " + s.skippedFiles().size() + " (" + s.skippedSamples()
                    + " samples)");
        }
        out.add(RULE);
        return out;
    }

    /** {@code block} with {@code lines} added before its closing rule (the checkpoint lines of a training run). */
    public static List<String> withLines(List<String> block, List<String> lines) {
        List<String> out = new ArrayList<>(block);
        out.addAll(block.isEmpty() ? 0 : block.size() - 1, lines);
        return out;
    }

    /** The {@code [METRIC]} block of a run that only checkpointed (DLIO's checkpoint-only mode). */
    public static List<String> checkpointBlock(int accelerators, CheckpointSummary checkpoints) {
        List<String> out = new ArrayList<>();
        out.add(RULE);
        out.add("[METRIC] Number of Simulated Accelerators: " + accelerators);
        out.addAll(CheckpointReport.metricLines(checkpoints));
        out.add(RULE);
        return out;
    }

    private static String meanStd(String label, List<Double> values) {
        return String.format(Locale.ROOT, "[METRIC] %s: %.4f (%.4f)", label, Stats.mean(values),
                Stats.populationStdev(values));
    }

    private static String latency(String label, LatencyRecorder.Percentiles p) {
        return String.format(Locale.ROOT, "[METRIC] %s: p50 %.3f, p90 %.3f, p99 %.3f, max %.3f", label, p.p50(),
                p.p90(), p.p99(), p.max());
    }
}
