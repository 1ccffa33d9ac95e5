package org.dlioparquet.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The job's checkpoint figures by MLPerf Storage's rule, and DLIO's keys and lines that carry them. */
class CheckpointMetricsTest {
    private static final long GIB = 1L << 30;
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static CheckpointTiming timing(CheckpointOp op, int rank, long step, double seconds, long bytes) {
        return new CheckpointTiming(op, rank, 1, step, (int) step, T0, T0.plusMillis((long) (seconds * 1000)), seconds,
                bytes);
    }

    /** Two ranks of 3 GiB and 1 GiB; the save took 2 s and 4 s on them, the load 1 s and 0.5 s. */
    private static CheckpointSummary summary() {
        JobCheckpoint save1 = new JobCheckpoint(CheckpointOp.SAVE, 1, 1, 1, List.of(
                timing(CheckpointOp.SAVE, 1, 1, 4.0, GIB), timing(CheckpointOp.SAVE, 0, 1, 2.0, 3 * GIB)));
        JobCheckpoint save2 = new JobCheckpoint(CheckpointOp.SAVE, 1, 2, 2, List.of(
                timing(CheckpointOp.SAVE, 0, 2, 1.0, 3 * GIB), timing(CheckpointOp.SAVE, 1, 2, 2.0, GIB)));
        JobCheckpoint load1 = new JobCheckpoint(CheckpointOp.LOAD, 1, 1, 1, List.of(
                timing(CheckpointOp.LOAD, 0, 1, 1.0, 3 * GIB), timing(CheckpointOp.LOAD, 1, 1, 0.5, GIB)));
        return new CheckpointSummary(List.of(save1, save2, load1), 4 * GIB, 3, 2, true, false);
    }

    @Test
    void aSavesDurationIsTheSlowestRanksAndItsThroughputAllBytesOverThat() {
        JobCheckpoint save1 = summary().checkpoints().get(0);

        assertThat(save1.ranks()).extracting(CheckpointTiming::rank).containsExactly(0, 1);
        assertThat(save1.seconds()).isEqualTo(4.0);
        assertThat(save1.slowest().rank()).isEqualTo(1);
        assertThat(save1.bytes()).isEqualTo(4 * GIB);
        assertThat(save1.gibPerSecond()).isEqualTo(1.0);
        assertThat(save1.ranks().get(0).gibPerSecond()).isEqualTo(1.5);
        assertThat(save1.checkpointName()).isEqualTo("global_epoch1_step1");
    }

    @Test
    void dliosSummaryKeysHoldTheJobsMeansAndPopulationStdevs() {
        Map<String, Object> m = CheckpointJson.metricKeys(summary());

        // saves: 4 GiB / 4 s = 1 GiB/s, 4 GiB / 2 s = 2 GiB/s; load: 4 GiB / 1 s
        assertThat(m).containsOnlyKeys("save_checkpoint_io_mean_GB_per_second", "save_checkpoint_io_stdev_GB_per_second",
                "save_checkpoint_duration_mean_seconds", "save_checkpoint_duration_stdev_seconds",
                "load_checkpoint_io_mean_GB_per_second", "load_checkpoint_io_stdev_GB_per_second",
                "load_checkpoint_duration_mean_seconds", "load_checkpoint_duration_stdev_seconds", "checkpoint_size_GB");
        assertThat((double) m.get("save_checkpoint_io_mean_GB_per_second")).isEqualTo(1.5);
        assertThat((double) m.get("save_checkpoint_io_stdev_GB_per_second")).isEqualTo(0.5);
        assertThat((double) m.get("save_checkpoint_duration_mean_seconds")).isEqualTo(3.0);
        assertThat((double) m.get("save_checkpoint_duration_stdev_seconds")).isEqualTo(1.0);
        assertThat((double) m.get("load_checkpoint_io_mean_GB_per_second")).isEqualTo(4.0);
        assertThat((double) m.get("load_checkpoint_duration_mean_seconds")).isEqualTo(1.0);
        assertThat((double) m.get("checkpoint_size_GB")).isEqualTo(4.0);
    }

    @Test
    void withoutLoadsThereAreNoLoadKeys() {
        CheckpointSummary s = summary();
        CheckpointSummary savesOnly = new CheckpointSummary(s.of(CheckpointOp.SAVE), 4 * GIB, 3, 2, false, false);

        assertThat(CheckpointJson.metricKeys(savesOnly)).doesNotContainKey("load_checkpoint_io_mean_GB_per_second");
        assertThat(CheckpointReport.metricLines(savesOnly)).noneMatch(l -> l.contains("load"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void ourAdditionsListEveryRanksDuration() {
        Map<String, Object> m = CheckpointJson.additions(summary());

        assertThat(m).containsEntry("checkpoint_bytes", 4 * GIB).containsEntry("checkpoint_size_GiB", 4.0)
                .containsEntry("files_per_checkpoint", 3L).containsEntry("ranks", 2).containsEntry("fsync", true);
        assertThat((List<Double>) m.get("save_GiB_per_second")).containsExactly(1.0, 2.0);
        List<Map<String, Object>> saves = (List<Map<String, Object>>) m.get("saves");
        assertThat(saves).hasSize(2);
        assertThat(saves.get(0)).containsEntry("checkpoint", "global_epoch1_step1").containsEntry("slowest_rank", 1)
                .containsEntry("duration_seconds", 4.0).containsEntry("GiB_per_second", 1.0)
                .containsEntry("rank_duration_seconds", Map.of("0", 2.0, "1", 4.0));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRanksPerEpochEntriesAreDliosSaveCkptKeysWithItsOwnSpan() {
        List<CheckpointTiming> rank0 = List.of(timing(CheckpointOp.SAVE, 0, 1, 2.0, 3 * GIB),
                timing(CheckpointOp.SAVE, 0, 2, 1.0, 3 * GIB), timing(CheckpointOp.LOAD, 0, 1, 1.0, 3 * GIB));

        Map<String, Map<String, Object>> e = CheckpointJson.perEpochEntries(rank0, 4 * GIB);

        assertThat(e).containsOnlyKeys("1");
        assertThat(e.get("1")).containsOnlyKeys("save_ckpt1", "save_ckpt2", "load_ckpt1");
        Map<String, Object> save1 = (Map<String, Object>) e.get("1").get("save_ckpt1");
        assertThat(save1).containsOnlyKeys("start", "end", "duration", "throughput", "bytes", "rank_GiB_per_second");
        assertThat(save1).containsEntry("duration", 2.0).containsEntry("bytes", 3 * GIB);
        // DLIO: the whole checkpoint's GiB over this rank's duration
        assertThat((double) save1.get("throughput")).isEqualTo(2.0);
        assertThat((double) save1.get("rank_GiB_per_second")).isEqualTo(1.5);
        assertThat((String) save1.get("start")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");

        Map<String, Object> whole = CheckpointJson.checkpointOnlyPerEpochStats(rank0, 4 * GIB, T0, T0.plusSeconds(9));
        Map<String, Object> epoch = (Map<String, Object>) whole.get("1");
        assertThat(epoch).containsKeys("start", "end", "save_ckpt1", "save_ckpt2", "load_ckpt1")
                .containsEntry("duration", "9.00");
    }

    @Test
    void theLinesAUserReadsSayBytesSecondsAndGibPerSecond() {
        CheckpointSummary s = summary();

        assertThat(CheckpointReport.startLine(CheckpointOp.SAVE, 1, 16, 1))
                .isEqualTo("Starting saving checkpoint 1 after total step 16 for epoch 1");
        assertThat(CheckpointReport.finishedLine(s.checkpoints().get(0))).isEqualTo("Finished saving checkpoint 1 "
                + "(global_epoch1_step1) in 4.0000 s: 4294967296 bytes (4.00 GiB), 1.0000 GiB/s (slowest of 2 ranks: "
                + "rank 1)");
        assertThat(CheckpointReport.metricLines(s)).containsExactly(
                "[METRIC] Checkpoint save duration (seconds): 3.0000 (1.0000)",
                "[METRIC] Checkpoint save I/O Throughput (GB/second): 1.5000 (0.5000)",
                "[METRIC] Checkpoint load duration (seconds): 1.0000 (0.0000)",
                "[METRIC] Checkpoint load I/O Throughput (GB/second): 4.0000 (0.0000)",
                "[METRIC] Checkpoint size: 4.0000 GiB (4294967296 bytes in 3 files over 2 ranks; durations are the "
                        + "slowest rank's, fsync)");
    }
}
