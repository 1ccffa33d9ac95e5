package org.dlioparquet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.run.BenchHooks;
import org.junit.jupiter.api.Test;

class BenchHooksTest {

    @Test
    void theEmulatorNeverWakesEarly() {
        double[] overshoot = new ComputeWork(0.0003, 20).rep().samples();

        assertThat(overshoot).hasSize(20);
        assertThat(Arrays.stream(overshoot).min().orElseThrow()).isGreaterThanOrEqualTo(0);
    }

    /**
     * The walk counts the samples of the runs it visited and the file changes between them; that
     * no sample is visited twice is {@code EpochSampleOrderTest}'s to show.
     */
    @Test
    void aShuffledEpochWalksAllItsSamplesAndChangesFileAtEverySampleWithOneSamplePerFile() {
        WorkloadConfig c = BenchWorkloads.load(null, List.of("dataset.format=parquet", "dataset.num_files_train=1000",
                "dataset.num_samples_per_file=1", "reader.batch_size=4", "reader.file_shuffle=seed",
                "reader.sample_shuffle=seed"));

        BenchHooks.EpochWalk walk = BenchHooks.walkTrainingEpoch(c, 1);

        assertThat(walk.samples()).isEqualTo(1000);
        assertThat(walk.fileChanges()).isEqualTo(1000);
        assertThat(BenchHooks.walkTrainingEpoch(c, 1)).isEqualTo(walk);
        assertThat(BenchHooks.walkTrainingEpoch(c, 2).digest()).isNotEqualTo(walk.digest());
    }

    @Test
    void anUnshuffledEpochReadsFilesInTurn() {
        WorkloadConfig c = BenchWorkloads.load(null, List.of("dataset.format=parquet", "dataset.num_files_train=10",
                "dataset.num_samples_per_file=100", "reader.batch_size=8"));

        BenchHooks.EpochWalk walk = BenchHooks.walkTrainingEpoch(c, 1);

        assertThat(walk.samples()).isEqualTo(1000 / 8 * 8);
        assertThat(walk.fileChanges()).isEqualTo(10);
    }
}
