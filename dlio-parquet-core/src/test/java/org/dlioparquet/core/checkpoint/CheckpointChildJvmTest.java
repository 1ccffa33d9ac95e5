package org.dlioparquet.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.storage.AtomicFiles;
import org.dlioparquet.core.storage.DurableStorage;
import org.dlioparquet.core.testing.CheckpointChildMain;
import org.dlioparquet.core.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints in a JVM of their own: much larger than its heap, and killed in the middle of a save. */
class CheckpointChildJvmTest {
    @TempDir
    Path dir;

    /**
     * The streamed writer and loader need a few chunks of memory, whatever the file's size: a
     * 768 MiB state saves, loads and verifies in a JVM whose heap (and so its direct memory) is
     * limited to 48 MiB, as a 12 GiB optimizer state does in 256 MiB.
     */
    @Test
    void aStateSixteenTimesTheHeapSavesAndLoadsInAFewChunksOfMemory() throws Exception {
        long bytes = 768L << 20;
        Path log = dir.resolve("child.log");

        Process child = ChildJvm.start(CheckpointChildMain.class, log, List.of("-Xmx48m"), dir.toString(),
                Long.toString(bytes), "save-load");

        assertThat(child.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).contains("save " + bytes + " bytes", "load " + bytes + " bytes");
        assertThat(dir.resolve("ckpt/global_epoch1_step1/model_states-0.pt")).hasSize(bytes);
        Matcher peak = Pattern.compile("peak heap bytes (\\d+)").matcher(out);
        assertThat(peak.find()).isTrue();
        assertThat(Long.parseLong(peak.group(1))).isLessThan(48L << 20);
    }

    @Test
    void aSaveKilledBeforeItsFileIsCompleteLeavesNoFileThatLooksComplete() throws Exception {
        Path log = dir.resolve("child.log");
        Process child = ChildJvm.start(CheckpointChildMain.class, log, dir.toString(), Long.toString(24L << 20),
                "hang-in-fsync");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(log, StandardCharsets.UTF_8).contains("forcing")) {
            assertThat(child.isAlive()).as(Files.readString(log, StandardCharsets.UTF_8)).isTrue();
            assertThat(System.nanoTime()).as("the child never reached its fsync").isLessThan(deadline);
            Thread.sleep(20);
        }
        child.destroyForcibly().waitFor(60, TimeUnit.SECONDS);

        Path file = dir.resolve("ckpt/global_epoch1_step1/model_states-0.pt");
        assertThat(file).doesNotExist();
        assertThat(AtomicFiles.partialPath(file)).hasSize(24L << 20);
        WorkloadConfig read = new WorkloadLoader().baseDirectory(dir).fromOverrides(List.of("framework=pytorch",
                "workflow.train=False", "workflow.checkpoint=True", "model.model_size_bytes=" + (24L << 20),
                "checkpoint.checkpoint_folder=" + dir.resolve("ckpt"), "checkpoint.num_checkpoints_read=1"));
        try (Checkpointer ck = new Checkpointer(read, CheckpointPlan.of(read, 1), List.of(0), ProcessGroup.SOLO,
                DurableStorage.LOCAL, CheckpointListener.NONE)) {
            assertThatThrownBy(() -> new CheckpointOnlyRun(ck, CheckpointSchedule.of(read)).run())
                    .isInstanceOf(DataFileException.class).hasMessageStartingWith(file + ": checkpoint file missing");
        }

        // the next save writes over the leftover and publishes a complete file
        WorkloadConfig again = new WorkloadLoader().baseDirectory(dir).fromOverrides(List.of("framework=pytorch",
                "workflow.train=False", "workflow.checkpoint=True", "model.model_size_bytes=" + (24L << 20),
                "checkpoint.checkpoint_folder=" + dir.resolve("ckpt"), "checkpoint.num_checkpoints_write=1"));
        try (Checkpointer ck = new Checkpointer(again, CheckpointPlan.of(again, 1), List.of(0), ProcessGroup.SOLO,
                DurableStorage.LOCAL, CheckpointListener.NONE)) {
            new CheckpointOnlyRun(ck, CheckpointSchedule.of(again)).run();
        }
        assertThat(file).hasSize(24L << 20);
        assertThat(AtomicFiles.partialPath(file)).doesNotExist();
    }

    @Test
    void aCheckpointThatCannotFitIsRefusedBeforeAnythingIsWritten() throws IOException {
        WorkloadConfig c = CheckpointTesting.smallLlama(dir, "checkpoint.num_checkpoints_write=3");
        CheckpointPlan plan = CheckpointPlan.of(c, 4);
        CheckpointTesting.RecordingStorage storage = new CheckpointTesting.RecordingStorage();
        storage.usable = 50_000_000L;
        Path root = c.checkpointFolderPath();
        long needed = CheckpointSpace.needed(plan, CheckpointTesting.ranks(4), CheckpointSchedule.of(c).writes(), root);

        assertThat(needed).isEqualTo(3 * plan.totalBytes());
        assertThatThrownBy(() -> CheckpointSpace.check(root, needed, storage))
                .isInstanceOf(NotEnoughSpaceException.class)
                .hasMessage(root + ": not enough free space for the checkpoints: they need 0.10 GiB (" + needed
                        + " bytes), the file system has 0.05 GiB (50000000 bytes) free");
        assertThat(root).doesNotExist();
        storage.usable = needed;
        CheckpointSpace.check(root, needed, storage);
    }
}
