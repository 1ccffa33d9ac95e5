package org.dlioparquet.core.run;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.atomic.AtomicInteger;
import org.dlioparquet.core.RunInterruptedException;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.Version;
import org.dlioparquet.core.checkpoint.CheckpointAbortedException;
import org.dlioparquet.core.checkpoint.CheckpointSchedule;
import org.dlioparquet.core.checkpoint.Checkpointer;
import org.dlioparquet.core.config.ColumnSpec;
import org.dlioparquet.core.config.ConfigException;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.config.ReadType;
import org.dlioparquet.core.config.Shuffle;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.dataset.DatasetCheck;
import org.dlioparquet.core.dataset.DatasetPlan;
import org.dlioparquet.core.dataset.WorkloadDataset;
import org.dlioparquet.core.dist.Collective;
import org.dlioparquet.core.dist.CollectiveException;
import org.dlioparquet.core.dist.JobHosts;
import org.dlioparquet.core.dist.ProgressWatchdog;
import org.dlioparquet.core.dist.ReduceOp;
import org.dlioparquet.core.dist.StepBarrier;
import org.dlioparquet.core.internal.WorkerThreads;
import org.dlioparquet.core.metrics.CheckpointJson;
import org.dlioparquet.core.metrics.CheckpointReport;
import org.dlioparquet.core.metrics.EpochSpan;
import org.dlioparquet.core.metrics.EpochSummary;
import org.dlioparquet.core.metrics.HostInfo;
import org.dlioparquet.core.metrics.MetricReport;
import org.dlioparquet.core.metrics.PhaseRecord;
import org.dlioparquet.core.metrics.RankOutputJson;
import org.dlioparquet.core.metrics.ReadLatencies;
import org.dlioparquet.core.metrics.RunSummary;
import org.dlioparquet.core.metrics.SummaryJson;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.storage.ReadChannels;
import org.dlioparquet.core.storage.StorageFileSystem;
import org.dlioparquet.core.storage.StorageTraffic;

/**
 * Internal: the epochs of a run. Checks the dataset is there, starts one thread per local
 * accelerator (each with its training and evaluation data loaders), runs every epoch (training,
 * then evaluation when due), and writes {@code <rank>_per_epoch_stats.json},
 * {@code <rank>_output.json} and, on the process holding rank 0, {@code summary.json} into the
 * output folder. In a job of several processes ({@link RunOptions#collective()}) the accelerators
 * of all of them meet at every step and epoch barrier, use rank 0's seed, and the summary covers
 * every accelerator of the job; only rank 0 says the epoch lines and the METRIC block. Interrupting
 * the calling thread stops the run: the epochs completed by then are written, marked as interrupted
 * (in one process; a job of several ends without results). What comes before and after the epochs
 * (config.yaml, the log, generation, cleanup) is {@code org.dlioparquet.core.Workflow}'s.
 */
public final class EpochRunner {
    private final WorkloadConfig config;
    private final RunOptions options;
    private final RunLog log;
    private final RunInstruments instruments;
    private final Checkpointer checkpointer;

    /** @param instruments what watches this process's accelerators (progress, timelines, traces) */
    public EpochRunner(WorkloadConfig config, RunOptions options, RunLog log, RunInstruments instruments) {
        this(config, options, log, instruments, null);
    }

    /**
     * @param checkpointer saves the checkpoints {@link CheckpointSchedule} places in training
     *                     ({@code workflow.checkpoint}), for this process's ranks; {@code null} for none
     */
    public EpochRunner(WorkloadConfig config, RunOptions options, RunLog log, RunInstruments instruments,
                       Checkpointer checkpointer) {
        this.config = config;
        this.options = options;
        this.log = log;
        this.instruments = instruments;
        this.checkpointer = checkpointer;
    }

    /**
     * Runs the epochs and writes the result files into {@code output}.
     *
     * @throws RunInterruptedException when the calling thread is interrupted before the last epoch
     *                                 ends; the completed epochs' results are written first
     */
    public RunSummary run(Path output) throws IOException {
        DatasetConfig ds = config.dataset();
        WorkloadDataset dataset = WorkloadDataset.of(config);
        FormatProvider provider = dataset.provider();
        DatasetPlan plan = dataset.plan();
        Path root = config.dataFolderPath();
        long trainBytes = 0;
        long evalBytes = 0;
        if (config.workflow().train()) {
            trainBytes = DatasetCheck.check(config, plan, Split.TRAIN);
        }
        if (config.workflow().evaluation()) {
            evalBytes = DatasetCheck.check(config, plan, Split.EVAL);
        }
        Collective job = options.collective();
        boolean leader = job.rank() == 0;
        // shuffle: random must give every process the same order: rank 0 draws the seed
        RunContext context = new RunContext(config, options.worldSize(), job.broadcast(new SecureRandom().nextLong()));
        long stepsPerEpoch = checkStepsPerRank(context);
        HostInfo host = HostInfo.current();
        JobHosts jobHosts = job.size() == 1 ? new JobHosts(List.of(host.hostname()), 0) : JobHosts.exchange(job);
        // each process counts its host's cores once over the processes it shares them with
        int jobCores = (int) Math.round(job.allreduce((double) host.cpuCount() / jobHosts.localSize(), ReduceOp.SUM));
        // under MPI the hosts are known; processes that do not meet count one host each
        int hosts = job.size() > 1 ? jobHosts.hosts().size() : Math.max(1, options.worldSize() / options.accelerators());
        long bytesPerHost = trainBytes / hosts;
        if (host.fitsInMemory(bytesPerHost) && config.workflow().train()) {
            log.say(String.format(Locale.ROOT, "Warning: the training data this host reads (%.2f GiB) fits in "
                    + "its memory (%.1f GiB): reads may be served by the page cache, not the storage",
                    bytesPerHost / 1073741824.0, host.memoryGiB()));
        }
        log.say(String.format(Locale.ROOT, "Running %s with %d accelerator(s): %d steps per epoch = %d x %d / %d / %d",
                config.model().name(), options.worldSize(), stepsPerEpoch, ds.numSamplesPerFile(), ds.numFilesTrain(),
                config.reader().batchSize(), options.worldSize()));
        log.say(String.format(Locale.ROOT, "Rates per epoch leave out the first %d and last %d training steps "
                + "(output.metric.exclude_start_steps, exclude_end_steps), as DLIO's; MB = 2^20 bytes",
                config.output().excludeStartSteps(), config.output().excludeEndSteps()));

        ReaderBudget budget = ReaderBudget.of(config.reader().memoryBudgetBytes(),
                options.accelerators() * Math.max(1, config.reader().readThreads()),
                config.reader().sampleShuffle() != Shuffle.OFF);
        FormatReader reader = provider.newReader(readerSettings(budget));
        SkippedFiles skipped = new SkippedFiles();
        List<Accelerator> accelerators = new ArrayList<>();
        TrainingCheckpoints checkpoints = TrainingCheckpoints.of(checkpointer, CheckpointSchedule.of(config));
        for (int i = 0; i < options.accelerators(); i++) {
            int rank = options.rankOffset() + i;
            accelerators.add(new Accelerator(rank, config, context,
                    loader("dlio-a" + rank + "-train", context, rank, reader, root, plan, Split.TRAIN, skipped, budget),
                    loader("dlio-a" + rank + "-eval", context, rank, reader, root, plan, Split.EVAL, skipped, budget),
                    instruments.rank(rank), checkpoints));
        }
        ReadAgainWarning readAgain = new ReadAgainWarning(budget);
        EpochSummaries epochs = new EpochSummaries(accelerators, job, config.dataset().nominalRecordBytes(),
                perSample(trainBytes, ds.numFilesTrain()), perSample(evalBytes, ds.numFilesEval()), e -> {
                    if (leader) {
                        log.say(MetricReport.epochLine(e));
                    }
                    readAgain.check(e);
                    options.listener().epochFinished(e);
                });
        ProgressWatchdog watchdog = watchdog(job);
        StepBarrier stepBarrier = new StepBarrier("step", accelerators.size(), job, watchdog);
        Optional<StorageTraffic> onStorage = StorageFileSystem.trafficOf(root);
        Optional<StorageTraffic> traffic = onStorage
                .or(() -> config.reader().odirect() ? Optional.of(ReadChannels.directTraffic()) : Optional.empty());
        // a storage's traffic is the run's own (its file system is the run's: the manifest's reads count);
        // the O_DIRECT count is the process's, so the run's is what it added
        StorageTraffic.Snapshot runStart = onStorage.isPresent() || traffic.isEmpty()
                ? new StorageTraffic.Snapshot(0, 0, 0) : traffic.get().snapshot();
        StorageTraffic.Snapshot[] trafficBefore = {traffic.map(StorageTraffic::snapshot).orElse(null)};
        StepBarrier epochBarrier = new StepBarrier("epoch", accelerators.size(), job, watchdog, () -> {
            epochs.run();
            reader.endEpoch(); // every file is closed now: the next epoch reads from storage
            traffic.ifPresent(t -> {
                StorageTraffic.Snapshot now = t.snapshot();
                log.say("Epoch storage traffic of this process on " + root + ": " + now.minus(trafficBefore[0]).describe());
                trafficBefore[0] = now;
            });
        });
        Instant start = Instant.now();
        long cpuStart = processCpuNanos();
        long wallStart = System.nanoTime();
        boolean interrupted = false;
        try (watchdog) {
            runAll(accelerators, stepBarrier, epochBarrier, checkpoints);
        } catch (InterruptedIOException e) {
            if (!Thread.currentThread().isInterrupted()) {
                throw e; // a failure of its own, not the run being stopped
            }
            interrupted = true;
        }
        // stopped while the last epoch was ending counts too; cleared, so that the results can be written
        interrupted |= Thread.interrupted();
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double cpu = (processCpuNanos() - cpuStart) / 1e9;
        Instant end = Instant.now();
        int complete = epochs.closedEpochs();
        // the processes of a job may have stopped at different barriers: none can meet the others again
        if (interrupted && (epochs.all().isEmpty() || job.size() > 1)) {
            RunInterruptedException stopped = new RunInterruptedException(output, null, config.train().epochs());
            log.say("Interrupted: " + stopped.getMessage());
            throw stopped;
        }

        ReadLatencies train = ReadLatencies.empty();
        ReadLatencies eval = ReadLatencies.empty();
        for (Accelerator a : accelerators) {
            train.merge(a.trainLoader().latencies());
            eval.merge(a.evalLoader().latencies());
        }
        if (job.size() > 1) {
            JobLatencies.mergeAtRankZero(job, train, eval);
            cpu = job.allreduce(cpu, ReduceOp.SUM); // the harness's CPU over every process of the job
        }
        Map<String, String> skippedFiles = new LinkedHashMap<>();
        skipped.asMap().forEach((p, reason) -> skippedFiles.put(root.relativize(p).toString(), reason));
        boolean dropped = accelerators.stream().flatMap(a -> completed(a.train(), complete).stream())
                .anyMatch(r -> r.metrics().exclusionsDropped());
        if (dropped) {
            log.say("Warning: an epoch had too few steps for output.metric.exclude_start_steps/exclude_end_steps; "
                    + "its AU and throughput count every step");
        }
        RunSummary summary = new RunSummary(start, end, options.worldSize(), options.accelerators(), host, epochs.all(),
                config.metric().au(), train.perSample().percentiles(), train.perBatch().percentiles(),
                eval.perSample().percentiles(), eval.perBatch().percentiles(), cpu, wall, bytesPerHost, skippedFiles,
                dropped, budget.bytesPerThread(), interrupted, jobHosts.hosts(), jobCores);
        Map<String, Object> storage = traffic.isEmpty() ? null
                : storageTraffic(root, traffic.get().snapshot().minus(runStart), job);
        writeResults(output, accelerators, complete, summary, storage);
        if (leader) {
            List<String> block = MetricReport.metricBlock(summary);
            if (checkpointer != null) {
                block = MetricReport.withLines(block, CheckpointReport.metricLines(checkpointer.summary()));
            }
            block.forEach(log::say);
        }
        if (interrupted) {
            RunInterruptedException stopped = new RunInterruptedException(output, summary, config.train().epochs());
            log.say("Interrupted: " + stopped.getMessage());
            throw stopped;
        }
        return summary;
    }

    /** Each accelerator's per-epoch files, and on the process of rank 0 {@code summary.json}. */
    /**
     * What the run's reads cost a remote storage, or local files read with O_DIRECT, over every
     * process of the job: requests, bytes fetched (read-ahead included) and objects opened, for
     * {@code summary.json}.
     */
    private static Map<String, Object> storageTraffic(Path root, StorageTraffic.Snapshot s, Collective job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", root.toString());
        m.put("requests", (long) job.allreduce((double) s.requests(), ReduceOp.SUM));
        m.put("bytes_fetched", (long) job.allreduce((double) s.bytesFetched(), ReduceOp.SUM));
        m.put("objects_opened", (long) job.allreduce((double) s.objectsOpened(), ReduceOp.SUM));
        return m;
    }

    @SuppressWarnings("unchecked")
    private void writeResults(Path output, List<Accelerator> accelerators, int complete, RunSummary summary,
                              Map<String, Object> storage) throws IOException {
        for (Accelerator a : accelerators) {
            List<EpochSpan> spans = a.epochs().stream().filter(s -> s.epoch() <= complete).toList();
            List<PhaseRecord> trained = completed(a.train(), complete);
            List<PhaseRecord> evaluated = completed(a.eval(), complete);
            if (!spans.isEmpty()) {
                Map<String, Object> stats = SummaryJson.perEpochStats(spans, trained, evaluated);
                if (checkpointer != null) {
                    CheckpointJson.addToPerEpochStats(stats, checkpointer.timings(a.rank()),
                            checkpointer.plan().totalBytes());
                }
                SummaryJson.write(output.resolve(a.rank() + "_per_epoch_stats.json"), stats);
                SummaryJson.write(output.resolve(a.rank() + "_output.json"),
                        RankOutputJson.of(summary.host(), summary.potentialCaching(), spans, trained, evaluated));
            }
        }
        if (options.rankOffset() == 0) {
            Map<String, Object> json = SummaryJson.summary(summary, config, Version.get());
            if (storage != null) {
                ((Map<String, Object>) json.get("dlio_parquet")).put("storage", storage);
            }
            if (checkpointer != null) {
                CheckpointJson.addToSummary(json, checkpointer.summary());
            }
            SummaryJson.write(output.resolve("summary.json"), json);
        }
    }

    /** The records of the epochs every accelerator finished. */
    private static List<PhaseRecord> completed(List<PhaseRecord> records, int complete) {
        return records.stream().filter(r -> r.epoch() <= complete).toList();
    }

    /** Bytes on disk per sample of a split of {@code files} files. */
    private double perSample(long splitBytes, int files) {
        long samples = (long) files * config.dataset().numSamplesPerFile();
        return samples > 0 ? (double) splitBytes / samples : 0;
    }

    /** Says once per run that files were read again within an epoch, and why. */
    private final class ReadAgainWarning {
        private final ReaderBudget budget;
        private boolean said;

        ReadAgainWarning(ReaderBudget budget) {
            this.budget = budget;
        }

        void check(EpochSummary e) {
            long again = (e.train() == null ? 0 : e.train().filesReadAgain())
                    + (e.eval() == null ? 0 : e.eval().filesReadAgain());
            if (again == 0 || said) {
                return;
            }
            said = true;
            log.say(String.format(Locale.ROOT, "Warning: epoch %d read %d files from storage again: a reader thread "
                    + "keeps every file it opens until the epoch ends (read_type: memory), but they outgrew its "
                    + "%.1f MiB share of reader.memory_budget_bytes or its %d open files; raise "
                    + "reader.memory_budget_bytes or the heap (-Xmx). summary.json reports every epoch's "
                    + "read amplification", e.epoch(), again, budget.bytesPerThread() / 1048576.0,
                    budget.filesPerThread()));
        }
    }

    /**
     * Says what a process of a job waits on when it waited too long at a barrier; one process alone
     * has its stall reports (a batch that does not come) and no other process to wait for.
     */
    private ProgressWatchdog watchdog(Collective job) {
        Duration stall = options.monitoring().stallTimeout();
        if (job.size() == 1 || stall.isZero() || stall.isNegative()) {
            return ProgressWatchdog.disabled();
        }
        return ProgressWatchdog.startAtBarriers("rank " + job.rank() + " of " + job.size(), stall, log::say);
    }

    private void runAll(List<Accelerator> accelerators, StepBarrier stepBarrier, StepBarrier epochBarrier,
                        TrainingCheckpoints checkpoints) throws IOException {
        try {
            WorkerThreads.runAll("dlio-accelerator", accelerators.size(), (i, group) -> {
                try {
                    accelerators.get(i).run(stepBarrier, epochBarrier);
                } catch (BrokenBarrierException | CheckpointAbortedException e) {
                    // released because another accelerator failed; its error is the one reported
                }
            }, () -> {
                // the failed accelerator will not come: release the others (its error is reported)
                CollectiveException failed = new CollectiveException("an accelerator of this process failed");
                stepBarrier.fail(failed);
                epochBarrier.fail(failed);
                checkpoints.abort(new IOException("an accelerator failed"));
            });
        } finally {
            // a stopped run still waits for its reader threads to put their files down
            boolean interrupted = Thread.interrupted();
            try {
                closeLoaders(accelerators);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static void closeLoaders(List<Accelerator> accelerators) throws IOException {
        IOException first = null;
        for (Accelerator a : accelerators) {
            try {
                a.trainLoader().close();
                a.evalLoader().close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private BatchLoader loader(String name, RunContext context, int rank, FormatReader reader, Path root,
                               DatasetPlan plan, Split split, SkippedFiles skipped, ReaderBudget budget) {
        AtomicInteger threadNo = new AtomicInteger();
        return new BatchLoader(name, config.reader().readThreads(), config.reader().prefetchSize(),
                () -> new BatchReader(reader, i -> root.resolve(plan.layout().relativePath(split, (int) i)),
                        config.dataset().numSamplesPerFile(), config.reader().readType(), new ComputeEmulator(config.reader().preprocessTime(),
                        new SplittableRandom(context.seed(SeedPurpose.PREPROCESS, rank, threadNo.getAndIncrement()))),
                        config.reader().onError(), skipped, budget, filesAhead(root)),
                OpenAhead.of(root, plan, split, reader, config.reader().readType(), config.reader().readThreads()));
    }

    /** Reader threads open their next file ahead with O_DIRECT and read-ahead, on local files. */
    private FilesAhead filesAhead(Path root) {
        boolean direct = config.reader().odirect() && config.reader().odirectReadAhead();
        return direct && !StorageFileSystem.isStoragePath(root) ? FilesAhead.direct(!sharedFiles()) : FilesAhead.NONE;
    }

    /**
     * Whether reader threads read parts of the same files: with several, DLIO deals consecutive
     * batches to different threads, so the rows after a thread's batch are another's.
     */
    private boolean sharedFiles() {
        return config.reader().readThreads() > 1;
    }

    /**
     * The workload was validated for one rank; with more, each rank still needs a whole batch.
     *
     * @return training steps per epoch of each rank
     */
    private long checkStepsPerRank(RunContext context) {
        DatasetConfig ds = config.dataset();
        long steps = context.order(Split.TRAIN, 0, config.reader().batchSize(), 1).steps();
        if (config.workflow().train() && steps == 0) {
            throw new ConfigException("reader.batch_size", config.reader().batchSize() + " x " + options.worldSize()
                    + " accelerators is more than the " + (long) ds.numFilesTrain() * ds.numSamplesPerFile()
                    + " training samples; no accelerator could run a step");
        }
        if (config.workflow().evaluation()
                && context.order(Split.EVAL, 0, config.reader().batchSizeEval(), 1).steps() == 0) {
            throw new ConfigException("reader.batch_size_eval", config.reader().batchSizeEval() + " x "
                    + options.worldSize() + " accelerators is more than the "
                    + (long) ds.numFilesEval() * ds.numSamplesPerFile() + " evaluation samples");
        }
        return steps;
    }

    /**
     * What the format readers need: a file may be held whole up to the reader thread's memory
     * budget, and with a shuffled sample order what was read is kept rather than read again.
     */
    private ReaderSettings readerSettings(ReaderBudget budget) {
        DatasetConfig ds = config.dataset();
        List<String> columns = config.reader().columns();
        if (columns.isEmpty() && ds.parquet().columns().stream().anyMatch(c -> !c.read())) {
            columns = ds.parquet().columns().stream().filter(ColumnSpec::read).map(ColumnSpec::name).toList();
        }
        long transfer = config.reader().transferSize();
        int buffer = transfer > 0 ? (int) Math.min(transfer, 1 << 30) : ReaderSettings.DEFAULT_IO_BUFFER;
        boolean shuffled = config.reader().sampleShuffle() != Shuffle.OFF && config.reader().readType() == ReadType.MEMORY;
        return new ReaderSettings(ds.recordElementType(), columns, config.reader().odirect(), buffer,
                ReaderSettings.DEFAULT_MAX_VALUE_BYTES, budget.bytesPerThread(), shuffled)
                .withOdirectReadAhead(config.reader().odirectReadAhead())
                .withSkipPayloadCrc(config.reader().skipPayloadCrc())
                .withSharedFiles(sharedFiles());
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

}
