package org.dlioparquet.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.junit.jupiter.api.Test;

class CheckpointScheduleTest {
    private static CheckpointSchedule schedule(String... overrides) {
        List<String> all = new ArrayList<>(List.of("dataset.format=parquet", "workflow.checkpoint=True"));
        all.addAll(List.of(overrides));
        WorkloadConfig c = new WorkloadLoader().fromOverrides(all);
        return CheckpointSchedule.of(c);
    }

    /** Runs the training loop's calls: afterStep after every step's barrier, afterEpoch after the epoch's. */
    private static List<String> training(CheckpointSchedule s, int epochs, long steps) {
        List<String> taken = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            for (long step = 1; step <= steps; step++) {
                s.afterStep(e, step).ifPresent(id -> taken.add(id.directoryName() + "#" + id.block()));
            }
            s.afterEpoch(e, steps).ifPresent(id -> taken.add(id.directoryName() + "#" + id.block()));
        }
        return taken;
    }

    @Test
    void byDefaultEveryEpochEndsWithACheckpointNamedAfterItsSteps() {
        CheckpointSchedule s = schedule("train.epochs=3");

        assertThat(training(s, 3, 16)).containsExactly("global_epoch1_step16#1", "global_epoch2_step16#1",
                "global_epoch3_step16#1");
        assertThat(s.trainingCheckpoints(3, 16, -1)).extracting(CheckpointId::directoryName)
                .containsExactly("global_epoch1_step16", "global_epoch2_step16", "global_epoch3_step16");
    }

    @Test
    void unet3dsScheduleCheckpointsAfterEpoch5AndEverySecondEpoch() {
        CheckpointSchedule s = schedule("checkpoint.checkpoint_after_epoch=5", "checkpoint.epochs_between_checkpoints=2");

        assertThat(training(s, 10, 4)).containsExactly("global_epoch5_step4#1", "global_epoch7_step4#1",
                "global_epoch9_step4#1");
    }

    @Test
    void afterEpochZeroMeansFromTheFirstEpoch() {
        assertThat(training(schedule("checkpoint.checkpoint_after_epoch=0"), 2, 3))
                .containsExactly("global_epoch1_step3#1", "global_epoch2_step3#1");
    }

    @Test
    void stepCheckpointsRestartTheirCountEveryEpochAndReplaceTheEpochOnes() {
        CheckpointSchedule s = schedule("checkpoint.steps_between_checkpoints=2");

        assertThat(s.byStep()).isTrue();
        // DLIO's test_checkpoint_step: steps // 2 checkpoints per epoch
        assertThat(training(s, 2, 5)).containsExactly("global_epoch1_step2#1", "global_epoch1_step4#2",
                "global_epoch2_step2#1", "global_epoch2_step4#2");
        assertThat(s.afterEpoch(1, 5)).isEmpty();
    }

    @Test
    void theWholeRunsStepCapEndsTheCheckpointsToo() {
        CheckpointSchedule s = schedule("checkpoint.steps_between_checkpoints=3");

        assertThat(s.trainingCheckpoints(3, 7, 10)).extracting(CheckpointId::directoryName).containsExactly(
                "global_epoch1_step3", "global_epoch1_step6", "global_epoch2_step3");
        assertThat(schedule().trainingCheckpoints(3, 7, 10)).extracting(CheckpointId::directoryName).containsExactly(
                "global_epoch1_step7", "global_epoch2_step3");
    }

    @Test
    void withoutWorkflowCheckpointNothingIsSaved() {
        CheckpointSchedule s = schedule("workflow.checkpoint=False", "checkpoint.steps_between_checkpoints=1");

        assertThat(s.afterStep(1, 1)).isEmpty();
        assertThat(s.afterEpoch(1, 1)).isEmpty();
        assertThat(s.duringTraining()).isFalse();
        assertThat(s.checkpointOnly()).isFalse();
    }

    @Test
    void checkpointOnlyModeWritesThenReadsTheFirstCheckpointsWritten() {
        CheckpointSchedule s = schedule("workflow.train=False", "checkpoint.num_checkpoints_write=3",
                "checkpoint.num_checkpoints_read=2");

        assertThat(s.checkpointOnly()).isTrue();
        assertThat(s.duringTraining()).isFalse();
        assertThat(s.writes()).containsExactly(new CheckpointId(1, 1, 1), new CheckpointId(1, 2, 2),
                new CheckpointId(1, 3, 3));
        assertThat(s.reads()).extracting(CheckpointId::directoryName).containsExactly("global_epoch1_step1",
                "global_epoch1_step2");
        assertThat(s.afterEpoch(1, 10)).isEqualTo(Optional.empty());
    }

    @Test
    void theDefaultTimeBetweenCheckpointsSleepsNothing() {
        assertThat(schedule("workflow.train=False").secondsBetween()).isZero();
        assertThat(schedule("workflow.train=False", "checkpoint.time_between_checkpoints=0.25").secondsBetween())
                .isEqualTo(0.25);
    }

    @Test
    void sizingCountsTheCheckpointsATrainingRunTakes() {
        // unet3d's schedule: 168 files x 1 sample, batch 7, 4 ranks = 6 steps per epoch, 5 epochs
        WorkloadConfig c = new WorkloadLoader().fromOverrides(List.of("dataset.format=npz", "workflow.checkpoint=True",
                "dataset.num_files_train=168", "reader.batch_size=7", "train.epochs=5", "model.type=cnn",
                "checkpoint.checkpoint_after_epoch=2", "checkpoint.epochs_between_checkpoints=2"));

        CheckpointSizing s = CheckpointSizing.of(c, 4);

        assertThat(s.checkpoints()).extracting(CheckpointId::directoryName).containsExactly("global_epoch2_step6",
                "global_epoch4_step6");
        assertThat(s.bytesPerCheckpoint()).isEqualTo(10240);
        assertThat(s.totalBytes()).isEqualTo(2 * 10240);
        assertThat(s.folder()).isEqualTo(c.checkpointFolderPath().toString());
    }
}
