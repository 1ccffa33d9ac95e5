package org.dlioparquet.core.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.GenerationResult;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.metrics.HostInfo;
import org.dlioparquet.core.testing.ChildJvm;
import org.dlioparquet.core.testing.LockHolderMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class GenerationLockTest {
    @TempDir
    Path dir;

    private WorkloadConfig workload() {
        return new WorkloadLoader().baseDirectory(dir).load(
                "dataset: {format: npz, data_folder: data, num_files_train: 2, record_length_bytes: 1024}",
                "w.yaml", List.of());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSecondGenerationFailsAtOnceNamingTheHolderAndTakesOverOnceItDies() throws Exception {
        Path root = dir.resolve("data");
        Files.createDirectories(root);
        Path log = dir.resolve("holder.log");
        Process holder = ChildJvm.start(LockHolderMain.class, log, root.toString());
        try {
            while (!Files.exists(log) || !Files.readString(log).contains("locked by pid")) {
                assertThat(holder.isAlive()).as(Files.exists(log) ? Files.readString(log) : "holder died").isTrue();
                Thread.sleep(20);
            }
            long started = System.nanoTime();
            assertThatThrownBy(() -> Dlio.generate(workload()))
                    .isInstanceOf(GenerationLock.GenerationLockedException.class)
                    .hasMessageStartingWith(root.resolve(".dlio-parquet.lock") + ": another generation holds this data "
                            + "folder (pid " + holder.pid() + " on ")
                    .hasMessageEndingWith("); wait for it to finish or stop it");
            assertThat(System.nanoTime() - started).as("fails at once, without waiting").isLessThan(5_000_000_000L);
            assertThat(root.resolve("train").toFile().list()).isEmpty();
        } finally {
            holder.destroyForcibly().waitFor();
        }

        GenerationResult r = Dlio.generate(workload());

        assertThat(r.files()).isEqualTo(2);
        assertThat(r.takenOverLock()).startsWith("pid " + holder.pid() + " on ");
    }

    @Test
    void aLockReleasedNormallyIsNotReportedAsTakenOver() throws IOException {
        assertThat(Dlio.generate(workload()).takenOverLock()).isEmpty();
        assertThat(Dlio.generate(workload()).takenOverLock()).isEmpty();
    }

    @Test
    void ranksHoldSeparateLocks() throws IOException {
        Files.createDirectories(dir);
        try (GenerationLock a = GenerationLock.acquire(dir, 0, 2); GenerationLock b = GenerationLock.acquire(dir, 1, 2)) {
            assertThat(GenerationLock.lockFile(dir, 0, 2)).isNotEqualTo(GenerationLock.lockFile(dir, 1, 2));
            assertThatThrownBy(() -> GenerationLock.acquire(dir, 1, 2))
                    .isInstanceOf(GenerationLock.GenerationLockedException.class)
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
        }
    }

    @Test
    void whatADeadHolderLeftIsReportedOnceAsTakenOver() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(GenerationLock.lockFile(dir, 0, 1), "pid 42 on gone since 2024-01-01T00:00:00Z");

        try (GenerationLock lock = GenerationLock.acquire(dir, 0, 1)) {
            assertThat(lock.takenOverFrom()).isEqualTo("pid 42 on gone since 2024-01-01T00:00:00Z");
            assertThat(GenerationLock.lockFile(dir, 0, 1)).content().startsWith("pid " + ProcessHandle.current().pid());
        }
        try (GenerationLock again = GenerationLock.acquire(dir, 0, 1)) {
            assertThat(again.takenOverFrom()).isEmpty();
        }
    }

    /** Starts a child JVM holding rank {@code rank} of {@code ranks}'s lock on {@code root}, and waits for it. */
    private Process holder(Path root, int rank, int ranks) throws Exception {
        Path log = dir.resolve("holder-" + rank + "-of-" + ranks + ".log");
        Process holder = ChildJvm.start(LockHolderMain.class, log, root.toString(), String.valueOf(rank),
                String.valueOf(ranks));
        while (!Files.exists(log) || !Files.readString(log).contains("locked by pid")) {
            assertThat(holder.isAlive()).as(Files.exists(log) ? Files.readString(log) : "holder died").isTrue();
            Thread.sleep(20);
        }
        return holder;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void generationsWithDifferentRankCountsExcludeEachOtherAndRanksOfOneCountShareTheFolder() throws Exception {
        Path root = dir.resolve("data");
        Files.createDirectories(root);
        Process twoRanks = holder(root, 0, 2);
        try {
            assertThat(GenerationLock.lockFile(root, 0, 2)).content().startsWith("pid " + twoRanks.pid() + " on "
                    + HostInfo.current().hostname() + " since ");
            for (int[] other : new int[][] {{0, 1}, {0, 3}, {2, 3}}) {
                assertThatThrownBy(() -> GenerationLock.acquire(root, other[0], other[1]))
                        .as("rank %d of %d", other[0], other[1])
                        .isInstanceOf(GenerationLock.GenerationLockedException.class)
                        .hasMessage(root.resolve(".dlio-parquet-ranks.lock") + ": another generation holds this data "
                                + "folder (a generation with another rank count, 2 ranks: "
                                + Files.readString(GenerationLock.lockFile(root, 0, 2)) + "; ranks of one generation "
                                + "must agree on --ranks); wait for it to finish or stop it");
            }
            assertThatThrownBy(() -> GenerationLock.acquire(root, 0, 2))
                    .isInstanceOf(GenerationLock.GenerationLockedException.class)
                    .hasMessageContaining("(pid " + twoRanks.pid() + " on ");
            try (GenerationLock rank1 = GenerationLock.acquire(root, 1, 2)) {
                assertThat(rank1.takenOverFrom()).isEmpty();
            }
        } finally {
            twoRanks.destroyForcibly().waitFor();
        }
        try (GenerationLock one = GenerationLock.acquire(root, 0, 1)) {
            assertThatThrownBy(() -> GenerationLock.acquire(root, 1, 2))
                    .as("the same JVM")
                    .isInstanceOf(GenerationLock.GenerationLockedException.class)
                    .hasMessageContaining("another rank count, 1 rank: pid " + ProcessHandle.current().pid());
        }
        try (GenerationLock three = GenerationLock.acquire(root, 2, 3)) {
            assertThat(three.takenOverFrom()).isEmpty();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aLockFilesContentIsPrintedWithItsControlCharactersEscaped() throws Exception {
        Path root = dir.resolve("data");
        Files.createDirectories(root);
        Process holder = holder(root, 0, 1);
        try {
            // the file holds whatever was written into it: here an escape sequence and a line break
            Files.writeString(GenerationLock.lockFile(root, 0, 1), "pid 7\u001b[2J\u001b[31m on\nhost");

            assertThatThrownBy(() -> GenerationLock.acquire(root, 0, 1))
                    .isInstanceOf(GenerationLock.GenerationLockedException.class)
                    .hasMessage(GenerationLock.lockFile(root, 0, 1) + ": another generation holds this data folder "
                            + "(pid 7\\x1b[2J\\x1b[31m on\\nhost); wait for it to finish or stop it");
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }
}
