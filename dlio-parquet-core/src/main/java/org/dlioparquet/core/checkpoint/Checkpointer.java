package org.dlioparquet.core.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.dlioparquet.core.config.CheckpointConfig;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.metrics.CheckpointOp;
import org.dlioparquet.core.metrics.CheckpointSummary;
import org.dlioparquet.core.metrics.CheckpointTiming;
import org.dlioparquet.core.metrics.JobCheckpoint;
import org.dlioparquet.core.storage.DirectBufferPool;
import org.dlioparquet.core.storage.DurableStorage;
import org.dlioparquet.core.storage.HugePageMemory;

/**
 * Saves and loads checkpoints for the ranks this process runs, timed as DLIO times them: a
 * barrier of every rank of the job, then the start, this rank's files, an optional barrier
 * ({@code checkpoint.rank_sync}), the end. Each rank calls {@link #save} or {@link #load} on its own
 * thread (the training loop's accelerator thread, or {@link CheckpointOnlyRun}'s), every rank with
 * the same checkpoints in the same order. After each save or load the ranks' timings are gathered
 * over the job ({@link ProcessGroup}), so every process knows the job's figures by MLPerf
 * Storage's rule (the slowest rank).
 *
 * <p>Files stream through a few pooled direct buffers per rank, filled ahead by helper threads
 * (and, with fsync, flushed behind by others); the buffers are allocated here, so that no save or
 * load times their allocation. {@link #close} stops the helpers.
 */
public final class Checkpointer implements AutoCloseable {
    /** Buffers filled ahead of each rank's writer. */
    static final int DEPTH = 3;
    /**
     * Bytes per write and read through the page cache: the kernel copies them from or into a buffer
     * still in the CPU's cache. Measured on 2 vCPUs, writing from 4 MiB buffers that a fill had just
     * left went at a third of the speed of 1 MiB ones, and 8 MiB reads at two thirds.
     */
    static final int PAGE_CACHE_CHUNK = 1 << 20;
    /** Direct memory the O_DIRECT chunk buffers of all local ranks may take together, about. */
    private static final long BUFFER_BUDGET = 96L << 20;
    private static final int MAX_CHUNK = 8 << 20;
    private static final int MIN_CHUNK = 1 << 20;

    private final CheckpointPlan plan;
    private final Path root;
    private final List<Integer> localRanks;
    private final Map<Integer, Integer> slotOfRank = new HashMap<>();
    private final ProcessGroup group;
    private final CheckpointListener listener;
    private final CheckpointConfig settings;
    private final long runSeed;
    private final int rankShift;
    private final ExecutorService fillers;
    private final ExecutorService flushers;
    private final StateFileIo io;
    private final Rendezvous startLine;
    private final Rendezvous finishLine;
    private final CheckpointTiming[] arrived;
    private final List<JobCheckpoint> results = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, List<CheckpointTiming>> byRank = new HashMap<>();

    /**
     * @param plan       the checkpoint plan of the whole job
     * @param localRanks the ranks this process runs (each calls {@link #save}/{@link #load} on its own thread)
     * @param group      the job's processes; {@link ProcessGroup#SOLO} when this process runs every rank
     * @param storage    where the files go
     */
    public Checkpointer(WorkloadConfig config, CheckpointPlan plan, List<Integer> localRanks, ProcessGroup group,
                        DurableStorage storage, CheckpointListener listener) {
        if (localRanks.isEmpty()) {
            throw new IllegalArgumentException("no local ranks");
        }
        this.plan = plan;
        this.root = config.checkpointFolderPath();
        this.localRanks = List.copyOf(localRanks);
        for (int i = 0; i < this.localRanks.size(); i++) {
            int r = this.localRanks.get(i);
            if (r < 0 || r >= plan.worldSize() || slotOfRank.put(r, i) != null) {
                throw new IllegalArgumentException("rank " + r + " is not a distinct rank of " + plan.worldSize());
            }
            byRank.put(r, Collections.synchronizedList(new ArrayList<>()));
        }
        this.group = group;
        this.listener = listener;
        this.settings = config.checkpoint();
        this.runSeed = config.train().seed();
        this.rankShift = rankShift(settings.recoveryRankShift(), this.localRanks.size(), plan.worldSize(), listener);
        int k = this.localRanks.size();
        int cores = Runtime.getRuntime().availableProcessors();
        this.fillers = Executors.newFixedThreadPool(Math.max(1, Math.min(cores - 1, 2 * k)), daemonThreads("fill"));
        this.flushers = Executors.newFixedThreadPool(k, daemonThreads("flush"));
        int chunk = chunkBytes(k, settings.odirect());
        this.io = new StateFileIo(storage, buffers(k * (DEPTH + 1), chunk), fillers, flushers, StateFileIo.FLUSH_BEHIND,
                chunk, DEPTH, settings.odirect(), settings.fsync());
        this.startLine = new Rendezvous(k);
        this.finishLine = new Rendezvous(k);
        this.arrived = new CheckpointTiming[k];
    }

    /**
     * Bytes per write and read when {@code localRanks} ranks share this process: through the page
     * cache {@value #PAGE_CACHE_CHUNK}; with O_DIRECT, where each transfer goes to the device and
     * larger ones go faster, 1 to 8 MiB, smaller when many ranks share the process, so that buffers
     * stay within a budget.
     */
    public static int chunkBytes(int localRanks, boolean direct) {
        if (!direct) {
            return PAGE_CACHE_CHUNK;
        }
        long each = BUFFER_BUDGET / ((long) localRanks * (DEPTH + 1));
        int chunk = MAX_CHUNK;
        while (chunk > MIN_CHUNK && chunk > each) {
            chunk >>= 1;
        }
        return chunk;
    }

    /**
     * DLIO's {@code recovery_rank_shift}: a load reads the files of the rank one process further on,
     * so that it does not read what its own host wrote (and may still cache). With one process it
     * cannot apply; DLIO warns, and so do we.
     */
    private static int rankShift(boolean asked, int local, int world, CheckpointListener listener) {
        if (!asked) {
            return 0;
        }
        if (local >= world) {
            listener.note("checkpoint.recovery_rank_shift: this run has a single process; it does not apply");
            return 0;
        }
        return local;
    }

    /**
     * A pool holding {@code count} buffers of a chunk (and alignment room), allocated and zeroed now;
     * in huge pages where the platform allows, so that an O_DIRECT transfer is a few device requests
     * instead of one per 254 scattered 4 KiB pages.
     */
    static DirectBufferPool buffers(int count, int chunk) {
        DirectBufferPool pool = new DirectBufferPool(count, HugePageMemory::allocate);
        List<ByteBuffer> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(pool.take(chunk + StateFileIo.PAGE));
        }
        all.forEach(pool::give);
        return pool;
    }

    private static ThreadFactory daemonThreads(String role) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "dlio-ckpt-" + role + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public CheckpointPlan plan() {
        return plan;
    }

    /** The checkpoint root ({@code checkpoint.checkpoint_folder}, resolved). */
    public Path root() {
        return root;
    }

    /**
     * Saves checkpoint {@code id} for {@code rank}, on the rank's own thread; returns its timing once
     * every rank of the job has saved. Every local rank must call it with the same {@code id}.
     */
    public CheckpointTiming save(int rank, CheckpointId id) throws IOException {
        return timed(CheckpointOp.SAVE, rank, id);
    }

    /**
     * Loads checkpoint {@code id} for {@code rank} (reading every byte), as {@link #save}. With
     * {@code checkpoint.recovery_rank_shift} and several processes it reads another rank's files.
     *
     * @throws org.dlioparquet.core.DataFileException when a file is missing, of another size, or
     *                                                (with {@code checkpoint.verify}) holds other bytes
     */
    public CheckpointTiming load(int rank, CheckpointId id) throws IOException {
        return timed(CheckpointOp.LOAD, rank, id);
    }

    /**
     * Checks, without reading them, that the files {@code rank} will load for each checkpoint exist
     * with their planned sizes, so that a load run fails at once rather than after some loads.
     */
    public void checkLoadable(int rank, List<CheckpointId> ids) throws IOException {
        RankFiles files = plan.rank(sourceRank(rank));
        for (CheckpointId id : ids) {
            Path dir = root.resolve(id.directoryName());
            for (CheckpointFile f : files.files()) {
                io.checkReadable(dir.resolve(f.name()), f.bytes());
            }
        }
    }

    /** The rank whose files {@code rank} loads. */
    int sourceRank(int rank) {
        return (rank + rankShift) % plan.worldSize();
    }

    private CheckpointTiming timed(CheckpointOp op, int rank, CheckpointId id) throws IOException {
        Integer slot = slotOfRank.get(rank);
        if (slot == null) {
            throw new IllegalArgumentException("rank " + rank + " is not run by this process");
        }
        RankFiles files = plan.rank(op == CheckpointOp.SAVE ? rank : sourceRank(rank));
        Path dir = root.resolve(id.directoryName());
        try {
            if (slot == 0) {
                listener.started(op, id);
            }
            startLine.await(group::barrier);
            Instant start = Instant.now();
            long t0 = System.nanoTime();
            long bytes = op == CheckpointOp.SAVE ? saveFiles(dir, id, files) : loadFiles(dir, id, files);
            if (settings.rankSync()) {
                startLine.await(group::barrier);
            }
            long t1 = System.nanoTime();
            Instant end = Instant.now();
            CheckpointTiming timing = new CheckpointTiming(op, rank, id.epoch(), id.step(), id.block(), start, end,
                    (t1 - t0) / 1e9, bytes);
            byRank.get(rank).add(timing);
            synchronized (arrived) {
                arrived[slot] = timing;
            }
            finishLine.await(() -> gather(op, id));
            return timing;
        } catch (IOException | RuntimeException | Error e) {
            abort(e);
            throw e;
        }
    }

    private long saveFiles(Path dir, CheckpointId id, RankFiles files) throws IOException {
        Files.createDirectories(dir);
        long bytes = 0;
        for (CheckpointFile f : files.files()) {
            bytes += io.write(dir.resolve(f.name()), f.bytes(), content(id, f));
        }
        if (settings.fsync() && !files.files().isEmpty()) {
            io.forceFolder(dir);
        }
        return bytes;
    }

    private long loadFiles(Path dir, CheckpointId id, RankFiles files) throws IOException {
        long bytes = 0;
        for (CheckpointFile f : files.files()) {
            bytes += io.read(dir.resolve(f.name()), f.bytes(), settings.verify() ? content(id, f) : null);
        }
        return bytes;
    }

    private FileContent content(CheckpointId id, CheckpointFile f) {
        return settings.randomizeTensor() ? FileContent.seeded(runSeed, id.directoryName() + "/" + f.name())
                : FileContent.ones(f.datatype());
    }

    /** Runs on the last local rank to finish: exchanges this process's timings with the others'. */
    private void gather(CheckpointOp op, CheckpointId id) throws IOException {
        double[] mine;
        synchronized (arrived) {
            mine = new double[arrived.length * 5];
            for (int i = 0; i < arrived.length; i++) {
                CheckpointTiming t = arrived[i];
                mine[5 * i] = t.rank();
                mine[5 * i + 1] = t.seconds();
                mine[5 * i + 2] = t.bytes();
                mine[5 * i + 3] = micros(t.start());
                mine[5 * i + 4] = micros(t.end());
            }
        }
        List<CheckpointTiming> all = new ArrayList<>();
        for (double[] process : group.allGather(mine)) {
            for (int i = 0; i + 4 < process.length; i += 5) {
                all.add(new CheckpointTiming(op, (int) process[i], id.epoch(), id.step(), id.block(),
                        instant(process[i + 3]), instant(process[i + 4]), process[i + 1], (long) process[i + 2]));
            }
        }
        JobCheckpoint job = new JobCheckpoint(op, id.epoch(), id.step(), id.block(), all);
        results.add(job);
        listener.finished(job);
    }

    private static double micros(Instant t) {
        return t.getEpochSecond() * 1e6 + t.getNano() / 1000;
    }

    private static Instant instant(double micros) {
        long m = (long) micros;
        return Instant.ofEpochSecond(Math.floorDiv(m, 1_000_000L), Math.floorMod(m, 1_000_000L) * 1000L);
    }

    /**
     * Stops every local rank waiting in a save or load with {@code cause}; later calls fail at once.
     * The training loop calls it when a rank fails outside a checkpoint, so that no rank waits for it.
     */
    public void abort(Throwable cause) {
        startLine.breakWith(cause);
        finishLine.breakWith(cause);
    }

    /** The job's saves and loads so far, in order, with the size of one checkpoint. */
    public CheckpointSummary summary() {
        List<JobCheckpoint> copy;
        synchronized (results) {
            copy = List.copyOf(results);
        }
        return new CheckpointSummary(copy, plan.totalBytes(), plan.fileCount(), plan.worldSize(), settings.fsync(),
                settings.odirect());
    }

    /** One local rank's own saves and loads so far (for its {@code <rank>_per_epoch_stats.json}). */
    public List<CheckpointTiming> timings(int rank) {
        List<CheckpointTiming> list = byRank.get(rank);
        if (list == null) {
            throw new IllegalArgumentException("rank " + rank + " is not run by this process");
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    public List<Integer> localRanks() {
        return localRanks;
    }

    @Override
    public void close() {
        fillers.shutdownNow();
        flushers.shutdownNow();
    }
}
