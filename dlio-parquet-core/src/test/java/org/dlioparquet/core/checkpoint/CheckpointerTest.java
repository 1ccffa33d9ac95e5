package org.dlioparquet.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.dlioparquet.core.checkpoint.CheckpointTesting.ranks;
import static org.dlioparquet.core.checkpoint.CheckpointTesting.smallLlama;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.checkpoint.CheckpointTesting.RecordingStorage;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.metrics.CheckpointOp;
import org.dlioparquet.core.metrics.CheckpointSummary;
import org.dlioparquet.core.metrics.CheckpointTiming;
import org.dlioparquet.core.metrics.JobCheckpoint;
import org.dlioparquet.core.storage.AtomicFiles;
import org.dlioparquet.core.storage.DirectIoUnsupportedException;
import org.dlioparquet.core.storage.DurableStorage;
import org.dlioparquet.core.storage.HugePageMemory;
import org.dlioparquet.core.testing.DirectIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saves and loads through {@link Checkpointer} and {@link CheckpointOnlyRun}, on the small llama of {@link CheckpointPlanTest}. */
class CheckpointerTest {
    @TempDir
    Path dir;

    private CheckpointSummary runCheckpointOnly(WorkloadConfig c, int ranks, DurableStorage storage) throws IOException {
        CheckpointPlan plan = CheckpointPlan.of(c, ranks);
        try (Checkpointer ck = new Checkpointer(c, plan, ranks(ranks), ProcessGroup.SOLO, storage,
                CheckpointListener.NONE)) {
            new CheckpointOnlyRun(ck, CheckpointSchedule.of(c)).run();
            return ck.summary();
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void everyRankSavesItsPlannedFilesAndLoadsEveryByteBack() throws IOException {
        WorkloadConfig c = smallLlama(dir, "checkpoint.num_checkpoints_write=2", "checkpoint.num_checkpoints_read=2",
                "checkpoint.verify=True");
        CheckpointPlan plan = CheckpointPlan.of(c, 4);

        CheckpointSummary s = runCheckpointOnly(c, 4, DurableStorage.LOCAL);

        assertThat(names(dir.resolve("ckpt"))).containsExactly("global_epoch1_step1", "global_epoch1_step2");
        List<String> planned = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            for (CheckpointFile f : plan.rank(r).files()) {
                planned.add(f.name());
                assertThat(dir.resolve("ckpt/global_epoch1_step2").resolve(f.name())).hasSize(f.bytes());
            }
        }
        assertThat(names(dir.resolve("ckpt/global_epoch1_step1"))).containsExactlyInAnyOrderElementsOf(planned);
        assertThat(s.checkpoints()).extracting(JobCheckpoint::op, JobCheckpoint::checkpointName).containsExactly(
                tuple(CheckpointOp.SAVE, "global_epoch1_step1"),
                tuple(CheckpointOp.SAVE, "global_epoch1_step2"),
                tuple(CheckpointOp.LOAD, "global_epoch1_step1"),
                tuple(CheckpointOp.LOAD, "global_epoch1_step2"));
        for (JobCheckpoint j : s.checkpoints()) {
            assertThat(j.bytes()).isEqualTo(plan.totalBytes());
            assertThat(j.ranks()).extracting(CheckpointTiming::rank).containsExactly(0, 1, 2, 3);
            for (CheckpointTiming t : j.ranks()) {
                assertThat(t.bytes()).isEqualTo(plan.rank(t.rank()).bytes());
                assertThat(t.seconds()).isPositive();
            }
        }
        assertThat(s.bytesPerCheckpoint()).isEqualTo(plan.totalBytes());
        assertThat(s.filesPerCheckpoint()).isEqualTo(planned.size());
    }

    @Test
    void fsyncForcesEveryFileBeforeItIsRenamedAndEveryCheckpointFolder() throws IOException {
        WorkloadConfig c = smallLlama(dir, "checkpoint.num_checkpoints_write=2", "checkpoint.fsync=True");
        RecordingStorage storage = new RecordingStorage();

        runCheckpointOnly(c, 4, storage);

        List<Path> expected = new ArrayList<>();
        for (Path p : storage.published) {
            expected.add(AtomicFiles.partialPath(p));
        }
        assertThat(storage.published).hasSize(2 * 9);
        assertThat(storage.forced).containsExactlyInAnyOrderElementsOf(expected);
        // each rank forces the folder its files were renamed into
        assertThat(new HashSet<>(storage.forcedDirectories)).containsExactlyInAnyOrder(
                dir.resolve("ckpt/global_epoch1_step1"), dir.resolve("ckpt/global_epoch1_step2"));
    }

    @Test
    void withoutFsyncNothingIsForced() throws IOException {
        RecordingStorage storage = new RecordingStorage();

        runCheckpointOnly(smallLlama(dir, "checkpoint.num_checkpoints_write=1"), 4, storage);

        assertThat(storage.published).hasSize(9);
        assertThat(storage.forced).isEmpty();
        assertThat(storage.forcedDirectories).isEmpty();
    }

    @Test
    void contentIsSeededByFileSoEveryFileDiffersAndASaveRepeatsItsBytes() throws IOException {
        WorkloadConfig c = smallLlama(dir, "checkpoint.num_checkpoints_write=2");
        runCheckpointOnly(c, 4, DurableStorage.LOCAL);
        Path step1 = dir.resolve("ckpt/global_epoch1_step1");
        byte[] opt0 = Files.readAllBytes(step1.resolve("zero_pp_rank_0_mp_rank_0_optim_states.pt"));
        byte[] opt1 = Files.readAllBytes(step1.resolve("zero_pp_rank_1_mp_rank_0_optim_states.pt"));
        byte[] opt0step2 = Files.readAllBytes(dir.resolve("ckpt/global_epoch1_step2/zero_pp_rank_0_mp_rank_0_optim_states.pt"));

        assertThat(opt0).hasSize(opt1.length).isNotEqualTo(opt1).isNotEqualTo(opt0step2);
        // pseudo-random: about half the bits set, no long runs of one value
        long ones = 0;
        for (byte b : opt0) {
            ones += Integer.bitCount(b & 0xFF);
        }
        assertThat((double) ones / (opt0.length * 8L)).isBetween(0.49, 0.51);

        runCheckpointOnly(c, 4, DurableStorage.LOCAL);
        assertThat(Files.readAllBytes(step1.resolve("zero_pp_rank_0_mp_rank_0_optim_states.pt"))).isEqualTo(opt0);
    }

    @Test
    void randomizeTensorFalseWritesDliosOnes() throws IOException {
        runCheckpointOnly(smallLlama(dir, "checkpoint.num_checkpoints_write=1", "checkpoint.randomize_tensor=False",
                "checkpoint.num_checkpoints_read=1", "checkpoint.verify=True"), 4, DurableStorage.LOCAL);
        Path step1 = dir.resolve("ckpt/global_epoch1_step1");

        byte[] layer = Files.readAllBytes(step1.resolve("layer_4-model_1_model_states.pt"));
        assertThat(layer).hasSize(512);
        for (int i = 0; i < layer.length; i += 2) {
            assertThat(new byte[] {layer[i], layer[i + 1]}).as("fp16 1.0 at %d", i).containsExactly(0x00, 0x3C);
        }
        byte[] optimizer = Files.readAllBytes(step1.resolve("zero_pp_rank_1_mp_rank_1_optim_states.pt"));
        assertThat(Arrays.copyOfRange(optimizer, optimizer.length - 4, optimizer.length))
                .containsExactly(0x00, 0x00, 0x80, 0x3F);
    }

    @Test
    void aLoadVerifiesEveryByteAndNamesTheFileAndOffsetThatDiffer() throws IOException {
        WorkloadConfig c = smallLlama(dir, "checkpoint.num_checkpoints_write=1");
        runCheckpointOnly(c, 4, DurableStorage.LOCAL);
        Path file = dir.resolve("ckpt/global_epoch1_step1/layer_1-model_0_model_states.pt");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, 1_500_001);
            ch.write(ByteBuffer.wrap(new byte[] {(byte) ~one.get(0)}), 1_500_001);
        }

        WorkloadConfig read = smallLlama(dir, "checkpoint.num_checkpoints_write=0", "checkpoint.num_checkpoints_read=1",
                "checkpoint.verify=True");
        Throwable e = catchThrowable(() -> runCheckpointOnly(read, 4, DurableStorage.LOCAL));

        assertThat(e).isInstanceOf(DataFileException.class)
                .hasMessage(file + ": checkpoint file holds other bytes than were saved, from byte 1500001");
        // without verify the same load reads every byte and passes
        assertThat(runCheckpointOnly(smallLlama(dir, "checkpoint.num_checkpoints_write=0",
                "checkpoint.num_checkpoints_read=1"), 4, DurableStorage.LOCAL).of(CheckpointOp.LOAD)).hasSize(1);
    }

    @Test
    void aMissingOrShortCheckpointFileIsOneLineNamingItBeforeAnyLoad() throws IOException {
        runCheckpointOnly(smallLlama(dir, "checkpoint.num_checkpoints_write=2"), 4, DurableStorage.LOCAL);
        WorkloadConfig read = smallLlama(dir, "checkpoint.num_checkpoints_write=0", "checkpoint.num_checkpoints_read=2");
        Path gone = dir.resolve("ckpt/global_epoch1_step2/zero_pp_rank_1_mp_rank_0_optim_states.pt");
        Files.delete(gone);

        assertThatThrownBy(() -> runCheckpointOnly(read, 4, DurableStorage.LOCAL))
                .isInstanceOf(DataFileException.class)
                .hasMessage(gone + ": checkpoint file missing: it was not saved (or was deleted) by a run of this "
                        + "workload with this rank count");

        Path shortFile = dir.resolve("ckpt/global_epoch1_step1/layer_2-model_1_model_states.pt");
        try (FileChannel ch = FileChannel.open(shortFile, StandardOpenOption.WRITE)) {
            ch.truncate(1000);
        }
        WorkloadConfig readFirst = smallLlama(dir, "checkpoint.num_checkpoints_write=0",
                "checkpoint.num_checkpoints_read=1");
        assertThatThrownBy(() -> runCheckpointOnly(readFirst, 4, DurableStorage.LOCAL))
                .isInstanceOf(DataFileException.class)
                .hasMessage(shortFile + ": checkpoint file is 1000 bytes, the workload's checkpoint has 1967104 "
                        + "(cut short: a save that did not finish?)");
    }

    @Test
    void aFailedSaveLeavesNoFileUnderItsNameAndStopsTheOtherRanks() throws IOException {
        WorkloadConfig c = smallLlama(dir, "checkpoint.num_checkpoints_write=1");
        RecordingStorage failing = new RecordingStorage() {
            @Override
            public FileChannel create(Path file, boolean direct) throws IOException {
                FileChannel ch = super.create(file, direct);
                if (file.getFileName().toString().contains("layer_3")) {
                    ch.write(ByteBuffer.allocate(100));
                    ch.close();
                    throw new IOException(file + ": No space left on device");
                }
                return ch;
            }
        };

        Throwable e = catchThrowable(() -> runCheckpointOnly(c, 4, failing));

        assertThat(e).isInstanceOf(IOException.class).isNotInstanceOf(CheckpointAbortedException.class)
                .hasMessageEndingWith("No space left on device");
        Path step = dir.resolve("ckpt/global_epoch1_step1");
        assertThat(step.resolve("layer_3-model_1_model_states.pt")).doesNotExist();
        assertThat(names(step)).noneMatch(n -> n.endsWith(AtomicFiles.PARTIAL_SUFFIX));
    }

    /**
     * Holds rank 3's save until every other rank has published its files, then makes it a second
     * slower, so that rank 3 is the slowest however busy the machine is.
     */
    private static final class SlowRank3 extends RecordingStorage {
        private final CountDownLatch others = new CountDownLatch(4);
        volatile Instant rank3Published;

        private static boolean rank3(Path file) {
            return file.getFileName().toString().contains("rank_3_");
        }

        @Override
        public FileChannel create(Path file, boolean direct) throws IOException {
            if (rank3(file)) {
                try {
                    assertThat(others.await(60, TimeUnit.SECONDS)).isTrue();
                    Thread.sleep(1000);
                } catch (InterruptedException ex) {
                    throw new IOException(ex);
                }
            }
            return super.create(file, direct);
        }

        @Override
        public void publish(Path partial, Path target) throws IOException {
            super.publish(partial, target);
            if (rank3(target)) {
                rank3Published = Instant.now();
            } else {
                others.countDown();
            }
        }
    }

    @Test
    void theTimedSpanStartsAfterABarrierOfAllRanksAndRankSyncEndsItWithAnother() throws IOException {
        // ZeRO 1 without pipelining: rank 0 saves two files, ranks 1 to 3 one each
        WorkloadConfig noSync = smallLlama(dir, "checkpoint.num_checkpoints_write=1", "model.parallelism.pipeline=1");
        SlowRank3 slow = new SlowRank3();
        JobCheckpoint free = runCheckpointOnly(noSync, 4, slow).checkpoints().get(0);

        assertThat(free.slowest().rank()).isEqualTo(3);
        assertThat(free.seconds()).isGreaterThanOrEqualTo(1.0);
        for (int r = 0; r < 3; r++) {
            assertThat(free.ranks().get(r).end()).as("rank %d", r).isBefore(slow.rank3Published);
        }

        // rank 2 comes to the save half a second late (its sleep before it): no rank's span starts earlier
        WorkloadConfig sync = smallLlama(dir, "checkpoint.num_checkpoints_write=1", "model.parallelism.pipeline=1",
                "checkpoint.rank_sync=True", "checkpoint.time_between_checkpoints=0.001");
        SlowRank3 slowAgain = new SlowRank3();
        AtomicReference<Instant> rank2Arrived = new AtomicReference<>();
        JobCheckpoint synced;
        try (Checkpointer ck = new Checkpointer(sync, CheckpointPlan.of(sync, 4), ranks(4), ProcessGroup.SOLO,
                slowAgain, CheckpointListener.NONE)) {
            new CheckpointOnlyRun(ck, CheckpointSchedule.of(sync), seconds -> {
                if (Thread.currentThread().getName().endsWith("-2")) {
                    Thread.sleep(500);
                    rank2Arrived.set(Instant.now());
                }
            }).run();
            synced = ck.summary().checkpoints().get(0);
        }
        for (CheckpointTiming t : synced.ranks()) {
            assertThat(t.start()).as("rank %d", t.rank()).isAfterOrEqualTo(rank2Arrived.get());
            assertThat(t.seconds()).as("rank %d", t.rank()).isGreaterThanOrEqualTo(1.0);
            assertThat(t.end()).as("rank %d", t.rank()).isAfterOrEqualTo(slowAgain.rank3Published);
        }
    }

    @Test
    void theDefaultTimeBetweenCheckpointsDoesNotSleepAndASetOneSleepsBeforeEachSaveAndLoad() throws IOException {
        List<Double> sleeps = Collections.synchronizedList(new ArrayList<>());
        for (String between : List.of("-1", "0.25")) {
            sleeps.clear();
            WorkloadConfig c = smallLlama(dir, "checkpoint.num_checkpoints_write=2", "checkpoint.num_checkpoints_read=1",
                    "checkpoint.time_between_checkpoints=" + between);
            try (Checkpointer ck = new Checkpointer(c, CheckpointPlan.of(c, 2), ranks(2), ProcessGroup.SOLO,
                    DurableStorage.LOCAL, CheckpointListener.NONE)) {
                new CheckpointOnlyRun(ck, CheckpointSchedule.of(c), sleeps::add).run();
                assertThat(ck.summary().checkpoints()).hasSize(3);
            }
            if (between.equals("-1")) {
                assertThat(sleeps).isEmpty();
            } else {
                assertThat(sleeps).containsExactly(0.25, 0.25, 0.25, 0.25, 0.25, 0.25);
            }
        }
    }

    @Test
    void odirectSavesAndLoadsTheSameBytesAsThePageCache() throws IOException {
        Files.createDirectories(dir.resolve("probe"));
        Path probe = Files.write(dir.resolve("probe/p.bin"), new byte[8192]);
        assumeTrue(DirectIo.works(probe), "the test folder's file system refuses O_DIRECT");
        WorkloadConfig direct = smallLlama(dir, "checkpoint.num_checkpoints_write=1", "checkpoint.num_checkpoints_read=1",
                "checkpoint.odirect=True", "checkpoint.verify=True", "checkpoint.fsync=True");
        WorkloadConfig cached = smallLlama(dir.resolve("cached"), "checkpoint.num_checkpoints_write=1");

        runCheckpointOnly(direct, 4, DurableStorage.LOCAL);
        runCheckpointOnly(cached, 4, DurableStorage.LOCAL);

        Path a = dir.resolve("ckpt/global_epoch1_step1");
        Path b = dir.resolve("cached/ckpt/global_epoch1_step1");
        assertThat(names(a)).isEqualTo(names(b)).contains("layer_4-model_1_model_states.pt");
        for (String n : names(a)) {
            assertThat(Files.readAllBytes(a.resolve(n))).as(n).isEqualTo(Files.readAllBytes(b.resolve(n)));
        }
    }

    @Test
    void chunkBuffersAreMadeNowInHugePageMemoryWherePossible() {
        List<Integer> capacities = Checkpointer.buffers(3, 8 << 20).capacities();
        assertThat(capacities).hasSize(3).allSatisfy(c -> assertThat(c).isGreaterThanOrEqualTo((8 << 20) + StateFileIo.PAGE));
        if (HugePageMemory.available()) {
            // whole 2 MiB pages: an 8 MiB O_DIRECT transfer is then a few device requests
            assertThat(capacities).allSatisfy(c -> assertThat(c % HugePageMemory.HUGE_PAGE).isZero());
        }
    }

    @Test
    void odirectOnAFileSystemThatRefusesItIsOneLine() throws IOException {
        Path folder = DirectIo.refusingFolder();
        try {
            WorkloadConfig c = smallLlama(folder, "checkpoint.num_checkpoints_write=1", "checkpoint.odirect=True");

            assertThatThrownBy(() -> runCheckpointOnly(c, 2, DurableStorage.LOCAL))
                    .isInstanceOf(DirectIoUnsupportedException.class)
                    .hasMessageStartingWith(folder.resolve("ckpt") + "/")
                    .hasMessageContaining(": the file system refuses O_DIRECT (checkpoint.odirect: True): ")
                    .hasMessageNotContaining("\n");
        } finally {
            try (Stream<Path> s = Files.walk(folder)) {
                s.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Two "processes" in one JVM, each running two ranks, joined by a ProcessGroup as MPI would join them. */
    private static final class TwoProcesses {
        private final CyclicBarrier barrier = new CyclicBarrier(2);
        private final double[][] exchange = new double[2][];
        int barriers;

        ProcessGroup member(int index) {
            return new ProcessGroup() {
                @Override
                public void barrier() throws IOException {
                    await();
                    if (index == 0) {
                        synchronized (TwoProcesses.this) {
                            barriers++;
                        }
                    }
                }

                @Override
                public List<double[]> allGather(double[] values) throws IOException {
                    exchange[index] = values;
                    await();
                    List<double[]> all = List.of(exchange[0].clone(), exchange[1].clone());
                    await();
                    return all;
                }
            };
        }

        private void await() throws IOException {
            try {
                barrier.await();
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }

    @Test
    void processesOfOneJobMeetAtEveryBarrierAndEachKnowsTheWholeJobsFigures() throws Exception {
        WorkloadConfig c = smallLlama(dir, "checkpoint.num_checkpoints_write=2", "checkpoint.num_checkpoints_read=1",
                "checkpoint.recovery_rank_shift=True", "checkpoint.verify=True", "checkpoint.rank_sync=True");
        CheckpointPlan plan = CheckpointPlan.of(c, 4);
        TwoProcesses job = new TwoProcesses();
        List<CheckpointSummary> summaries = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> processes = new ArrayList<>();
        List<List<CheckpointTiming>> rank0Timings = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int index = p;
            Thread t = new Thread(() -> {
                try (Checkpointer ck = new Checkpointer(c, plan, List.of(2 * index, 2 * index + 1), job.member(index),
                        DurableStorage.LOCAL, CheckpointListener.NONE)) {
                    new CheckpointOnlyRun(ck, CheckpointSchedule.of(c)).run();
                    summaries.add(ck.summary());
                    if (index == 0) {
                        rank0Timings.add(ck.timings(0));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            processes.add(t);
            t.start();
        }
        for (Thread t : processes) {
            t.join();
        }

        assertThat(failures).isEmpty();
        assertThat(summaries).hasSize(2);
        for (CheckpointSummary s : summaries) {
            assertThat(s.checkpoints()).hasSize(3);
            for (JobCheckpoint j : s.checkpoints()) {
                assertThat(j.ranks()).extracting(CheckpointTiming::rank).containsExactly(0, 1, 2, 3);
                assertThat(j.bytes()).isEqualTo(plan.totalBytes());
            }
        }
        // 3 starts and 3 rank_sync barriers
        assertThat(job.barriers).isEqualTo(6);
        // with recovery_rank_shift, rank 0 loads what rank 2 (the other process's first rank) saved
        CheckpointTiming load = rank0Timings.get(0).get(2);
        assertThat(load.op()).isEqualTo(CheckpointOp.LOAD);
        assertThat(load.bytes()).isEqualTo(plan.rank(2).bytes()).isNotEqualTo(plan.rank(0).bytes());
    }
}
