package org.dlioparquet.core.metrics;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checkpoint parts of DLIO's result files. In {@code summary.json}, DLIO's keys under
 * {@code metric} (their "GB" is GiB, as in DLIO) hold the job's figures by MLPerf Storage's rule
 * (slowest rank; DLIO reports rank 0's own timing), and {@code dlio_parquet.checkpoint} adds every
 * save and load with each rank's duration. In {@code <rank>_per_epoch_stats.json}, DLIO's
 * {@code save_ckpt<k>}/{@code load_ckpt<k>} entries hold the rank's own span.
 */
public final class CheckpointJson {
    private CheckpointJson() {
    }

    /** DLIO's checkpoint keys for {@code summary.json}'s {@code metric} (load keys only when loads ran). */
    public static Map<String, Object> metricKeys(CheckpointSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (CheckpointOp op : CheckpointOp.values()) {
            List<JobCheckpoint> done = s.of(op);
            if (done.isEmpty() && op == CheckpointOp.LOAD) {
                continue;
            }
            String w = op.word();
            m.put(w + "_checkpoint_io_mean_GB_per_second", Stats.mean(s.gibPerSecond(op)));
            m.put(w + "_checkpoint_io_stdev_GB_per_second", Stats.populationStdev(s.gibPerSecond(op)));
            m.put(w + "_checkpoint_duration_mean_seconds", Stats.mean(s.seconds(op)));
            m.put(w + "_checkpoint_duration_stdev_seconds", Stats.populationStdev(s.seconds(op)));
        }
        m.put("checkpoint_size_GB", s.sizeGiB());
        return m;
    }

    /** dlio-parquet's additions, for {@code summary.json}'s {@code dlio_parquet.checkpoint}. */
    public static Map<String, Object> additions(CheckpointSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checkpoint_bytes", s.bytesPerCheckpoint());
        m.put("checkpoint_size_GiB", s.sizeGiB());
        m.put("files_per_checkpoint", s.filesPerCheckpoint());
        m.put("ranks", s.ranks());
        m.put("fsync", s.fsync());
        m.put("odirect", s.odirect());
        m.put("duration_rule", "slowest rank; throughput = all ranks' bytes / that duration (MLPerf Storage)");
        for (CheckpointOp op : CheckpointOp.values()) {
            List<JobCheckpoint> done = s.of(op);
            if (done.isEmpty()) {
                continue;
            }
            m.put(op.word() + "_GiB_per_second", s.gibPerSecond(op));
            m.put(op.word() + "_duration_seconds", s.seconds(op));
            m.put(op.word() + "s", done.stream().map(CheckpointJson::entry).toList());
        }
        return m;
    }

    /**
     * Adds a training run's checkpoints to its {@code summary.json} tree ({@link SummaryJson#summary}):
     * DLIO's keys into {@code metric}, ours into {@code dlio_parquet.checkpoint}.
     */
    public static void addToSummary(Map<String, Object> summary, CheckpointSummary s) {
        child(summary, "metric").putAll(metricKeys(s));
        child(summary, "dlio_parquet").put("checkpoint", additions(s));
    }

    /**
     * Adds one rank's {@code save_ckpt<k>} entries to its {@code <rank>_per_epoch_stats.json} tree
     * ({@link SummaryJson#perEpochStats}), each into the epoch it was saved in.
     */
    public static void addToPerEpochStats(Map<String, Object> stats, List<CheckpointTiming> rank,
                                          long checkpointBytes) {
        perEpochEntries(rank, checkpointBytes).forEach((epoch, entries) -> child(stats, epoch).putAll(entries));
    }

    /**
     * {@code summary.json} of a run that only checkpointed: DLIO's fields that apply (no dataset
     * figures), its checkpoint keys under {@code metric}, and ours under {@code dlio_parquet}.
     */
    public static Map<String, Object> checkpointOnlySummary(CheckpointSummary s, Instant start, Instant end,
                                                            int accelerators, int localAccelerators, HostInfo host,
                                                            String version) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", SummaryJson.time(start));
        m.put("num_accelerators", accelerators);
        m.put("num_hosts", Math.max(1, accelerators / localAccelerators));
        m.put("hostname", host.hostname());
        m.put("metric", metricKeys(s));
        m.put("host_cpu_count", List.of(host.cpuCount()));
        m.put("host_processor_name", host.processorName());
        m.put("host_memory_GB", List.of(Math.round(host.memoryGiB() * 100) / 100.0));
        m.put("end", SummaryJson.time(end));
        Map<String, Object> ours = new LinkedHashMap<>();
        ours.put("version", version);
        ours.put("local_accelerators", localAccelerators);
        ours.put("checkpoint", additions(s));
        m.put("dlio_parquet", ours);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> tree, String key) {
        return (Map<String, Object>) tree.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }

    private static Map<String, Object> entry(JobCheckpoint c) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("checkpoint", c.checkpointName());
        e.put("epoch", c.epoch());
        e.put("step", c.step());
        e.put("start", SummaryJson.time(c.start()));
        e.put("end", SummaryJson.time(c.end()));
        e.put("bytes", c.bytes());
        e.put("duration_seconds", c.seconds());
        e.put("GiB_per_second", c.gibPerSecond());
        e.put("slowest_rank", c.slowest().rank());
        Map<String, Object> ranks = new LinkedHashMap<>();
        for (CheckpointTiming t : c.ranks()) {
            ranks.put(Integer.toString(t.rank()), t.seconds());
        }
        e.put("rank_duration_seconds", ranks);
        return e;
    }

    /**
     * One rank's {@code save_ckpt<k>}/{@code load_ckpt<k>} entries by epoch, to merge into its
     * {@code <rank>_per_epoch_stats.json}: DLIO's {@code start}, {@code end}, {@code duration} and
     * {@code throughput} (one checkpoint's GiB over this rank's duration, as DLIO computes it),
     * plus this rank's {@code bytes} and own {@code rank_GiB_per_second}.
     *
     * @param checkpointBytes one checkpoint's bytes over all ranks
     */
    public static Map<String, Map<String, Object>> perEpochEntries(List<CheckpointTiming> rank, long checkpointBytes) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (CheckpointTiming t : rank) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("start", SummaryJson.time(t.start()));
            e.put("end", SummaryJson.time(t.end()));
            e.put("duration", t.seconds());
            e.put("throughput", t.seconds() > 0 ? checkpointBytes / CheckpointTiming.GIB / t.seconds() : 0.0);
            e.put("bytes", t.bytes());
            e.put("rank_GiB_per_second", t.gibPerSecond());
            out.computeIfAbsent(Integer.toString(t.epoch()), k -> new LinkedHashMap<>()).put(t.op().statsKey(t.block()), e);
        }
        return out;
    }

    /**
     * A rank's whole {@code <rank>_per_epoch_stats.json} in checkpoint-only mode: DLIO's one epoch
     * ({@code "1"}) spanning the saves and loads, with its {@code save_ckpt<k>}/{@code load_ckpt<k>}.
     */
    public static Map<String, Object> checkpointOnlyPerEpochStats(List<CheckpointTiming> rank, long checkpointBytes,
                                                                  Instant start, Instant end) {
        Map<String, Object> epoch = new LinkedHashMap<>();
        epoch.put("start", SummaryJson.time(start));
        epoch.put("end", SummaryJson.time(end));
        epoch.put("duration", String.format(Locale.ROOT, "%.2f", (end.toEpochMilli() - start.toEpochMilli()) / 1000.0));
        perEpochEntries(rank, checkpointBytes).getOrDefault("1", Map.of()).forEach(epoch::put);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("1", epoch);
        return m;
    }
}
