package org.dlioparquet.core.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.GenerationResult;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.RunResult;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.Version;
import org.dlioparquet.core.config.ColumnSpec;
import org.dlioparquet.core.config.ConfigException;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.dataset.DatasetCheck;
import org.dlioparquet.core.dataset.DatasetLayout;
import org.dlioparquet.core.dataset.DatasetPlan;
import org.dlioparquet.core.dataset.WorkloadDataset;
import org.dlioparquet.core.internal.Threads;
import org.dlioparquet.core.metrics.HostInfo;
import org.dlioparquet.core.metrics.LatencyRecorder;
import org.dlioparquet.core.metrics.MetricReport;
import org.dlioparquet.core.metrics.RunSummary;
import org.dlioparquet.core.metrics.SummaryJson;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ReaderSettings;

/**
 * Executes a workload's workflow: generation, then the epochs on every local accelerator, then
 * the result files ({@code summary.json}, {@code <rank>_per_epoch_stats.json}, {@code config.yaml},
 * {@code dlio.log}) in the output folder.
 */
public final class BenchmarkRun {
    private final WorkloadConfig config;
    private final RunOptions options;
    private BufferedWriter logFile;

    public BenchmarkRun(WorkloadConfig config, RunOptions options) {
        this.config = config;
        this.options = options;
    }

    public RunResult execute() throws IOException {
        if (config.workflow().checkpoint()) {
            throw new ConfigException("workflow.checkpoint", "checkpointing is not supported by dlio-parquet yet");
        }
        Path output = outputFolder();
        Files.createDirectories(output);
        Files.writeString(output.resolve("config.yaml"), config.toYaml(), StandardCharsets.UTF_8);
        try (BufferedWriter w = Files.newBufferedWriter(output.resolve(config.output().logFile()),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            logFile = w;
            config.warnings().forEach(p -> say("Warning: " + p));
            GenerationResult generated = null;
            if (config.workflow().generateData()) {
                generated = generate();
            }
            RunSummary summary = null;
            if (config.workflow().train() || config.workflow().evaluation()) {
                summary = epochs(output);
                deleteDatasetUnlessKept();
            }
            say("Saved outputs in " + output);
            return new RunResult(output, generated, summary);
        } finally {
            logFile = null;
        }
    }

    private Path outputFolder() {
        if (options.outputFolder() != null) {
            return options.outputFolder().toAbsolutePath().normalize();
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return config.outputFolderPath(config.baseDirectory().resolve("output").resolve(config.model().name())
                .resolve(stamp));
    }

    private GenerationResult generate() throws IOException {
        int hosts = options.worldSize() / options.accelerators();
        int host = options.rankOffset() / options.accelerators();
        say("Generating dataset in " + config.dataFolderPath() + (hosts > 1 ? " (host " + host + " of " + hosts + ")" : ""));
        GenerationResult g = Dlio.generate(config, options.generation().withRank(host, hosts));
        say(g.summaryLine(options.generation().verify()));
        return g;
    }

    private RunSummary epochs(Path output) throws IOException {
        DatasetConfig ds = config.dataset();
        WorkloadDataset dataset = WorkloadDataset.of(config);
        FormatProvider provider = dataset.provider();
        DatasetPlan plan = dataset.plan();
        Path root = config.dataFolderPath();
        long trainBytes = 0;
        if (config.workflow().train()) {
            trainBytes = DatasetCheck.check(root, plan.layout(), Split.TRAIN);
        }
        if (config.workflow().evaluation()) {
            DatasetCheck.check(root, plan.layout(), Split.EVAL);
        }
        RunContext context = new RunContext(config, options.worldSize(), new SecureRandom().nextLong());
        long stepsPerEpoch = checkStepsPerRank(context);
        HostInfo host = HostInfo.current();
        int hosts = Math.max(1, options.worldSize() / options.accelerators());
        long bytesPerHost = trainBytes / hosts;
        if (host.fitsInMemory(bytesPerHost) && config.workflow().train()) {
            say(String.format(java.util.Locale.ROOT, "Warning: the training data this host reads (%.2f GiB) fits in "
                    + "its memory (%.1f GiB): reads may be served by the page cache, not the storage",
                    bytesPerHost / 1073741824.0, host.memoryGiB()));
        }
        say(String.format(java.util.Locale.ROOT, "Running %s with %d accelerator(s): %d steps per epoch = %d x %d / %d / %d",
                config.model().name(), options.worldSize(), stepsPerEpoch, ds.numSamplesPerFile(), ds.numFilesTrain(),
                config.reader().batchSize(), options.worldSize()));

        FormatReader reader = provider.newReader(readerSettings());
        SkippedFiles skipped = new SkippedFiles();
        List<Accelerator> accelerators = new ArrayList<>();
        for (int i = 0; i < options.accelerators(); i++) {
            int rank = options.rankOffset() + i;
            accelerators.add(new Accelerator(rank, config, context,
                    loader("dlio-a" + rank + "-train", context, rank, reader, root, plan, Split.TRAIN, skipped),
                    loader("dlio-a" + rank + "-eval", context, rank, reader, root, plan, Split.EVAL, skipped)));
        }
        EpochSummaries epochs = new EpochSummaries(accelerators, config.dataset().nominalRecordBytes(), e -> {
            say(MetricReport.epochLine(e));
            options.listener().epochFinished(e);
        });
        CyclicBarrier stepBarrier = new CyclicBarrier(accelerators.size());
        CyclicBarrier epochBarrier = new CyclicBarrier(accelerators.size(), epochs);
        Instant start = Instant.now();
        long cpuStart = processCpuNanos();
        long wallStart = System.nanoTime();
        runAll(accelerators, stepBarrier, epochBarrier);
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double cpu = (processCpuNanos() - cpuStart) / 1e9;
        Instant end = Instant.now();

        LatencyRecorder trainSample = new LatencyRecorder();
        LatencyRecorder trainBatch = new LatencyRecorder();
        LatencyRecorder evalSample = new LatencyRecorder();
        LatencyRecorder evalBatch = new LatencyRecorder();
        for (Accelerator a : accelerators) {
            LatencyRecorder[] t = a.trainLoader().latencies();
            trainSample.merge(t[0]);
            trainBatch.merge(t[1]);
            LatencyRecorder[] v = a.evalLoader().latencies();
            evalSample.merge(v[0]);
            evalBatch.merge(v[1]);
        }
        Map<String, String> skippedFiles = new LinkedHashMap<>();
        skipped.asMap().forEach((p, reason) -> skippedFiles.put(root.relativize(p).toString(), reason));
        boolean dropped = accelerators.stream().flatMap(a -> a.train().stream())
                .anyMatch(r -> r.metrics().exclusionsDropped());
        if (dropped) {
            say("Warning: an epoch had too few steps for output.metric.exclude_start_steps/exclude_end_steps; "
                    + "its AU and throughput count every step");
        }
        RunSummary summary = new RunSummary(start, end, options.worldSize(), options.accelerators(), host, epochs.all(),
                config.metric().au(), trainSample.percentiles(), trainBatch.percentiles(), evalSample.percentiles(),
                evalBatch.percentiles(), cpu, wall, bytesPerHost, skippedFiles, dropped);
        for (Accelerator a : accelerators) {
            if (!a.train().isEmpty() || !a.eval().isEmpty()) {
                SummaryJson.write(output.resolve(a.rank() + "_per_epoch_stats.json"),
                        SummaryJson.perEpochStats(a.train(), a.eval()));
            }
        }
        if (options.rankOffset() == 0) {
            SummaryJson.write(output.resolve("summary.json"), SummaryJson.summary(summary, config, Version.get()));
        }
        MetricReport.metricBlock(summary).forEach(this::say);
        return summary;
    }

    private void runAll(List<Accelerator> accelerators, CyclicBarrier stepBarrier, CyclicBarrier epochBarrier)
            throws IOException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        AtomicInteger n = new AtomicInteger();
        for (Accelerator a : accelerators) {
            Thread t = new Thread(() -> {
                try {
                    a.run(stepBarrier, epochBarrier);
                } catch (BrokenBarrierException e) {
                    // another accelerator failed; its error is the one reported
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    stepBarrier.reset();
                    epochBarrier.reset();
                }
            }, "dlio-accelerator-" + n.getAndIncrement());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        try {
            Threads.joinAll(threads, "run");
        } finally {
            IOException closeFailure = null;
            for (Accelerator a : accelerators) {
                try {
                    a.trainLoader().close();
                    a.evalLoader().close();
                } catch (IOException e) {
                    closeFailure = closeFailure == null ? e : closeFailure;
                }
            }
            if (failure.get() == null && closeFailure != null) {
                failure.set(closeFailure);
            }
        }
        Threads.rethrow(failure.get());
    }

    private BatchLoader loader(String name, RunContext context, int rank, FormatReader reader, Path root,
                               DatasetPlan plan, Split split, SkippedFiles skipped) {
        AtomicInteger threadNo = new AtomicInteger();
        return new BatchLoader(name, config.reader().readThreads(), config.reader().prefetchSize(),
                () -> new BatchReader(reader, i -> root.resolve(plan.layout().relativePath(split, (int) i)),
                        config.dataset().numSamplesPerFile(), config.reader().readType(), new ComputeEmulator(config.reader().preprocessTime(),
                        new SplittableRandom(preprocessSeed(context, rank, threadNo.getAndIncrement()))),
                        config.reader().onError(), skipped));
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

    private ReaderSettings readerSettings() {
        DatasetConfig ds = config.dataset();
        List<String> columns = config.reader().columns();
        if (columns.isEmpty() && ds.parquet().columns().stream().anyMatch(c -> !c.read())) {
            columns = ds.parquet().columns().stream().filter(ColumnSpec::read).map(ColumnSpec::name).toList();
        }
        long transfer = config.reader().transferSize();
        int buffer = transfer > 0 ? (int) Math.min(transfer, 1 << 30) : ReaderSettings.DEFAULT_IO_BUFFER;
        return new ReaderSettings(ds.recordElementType(), columns, config.reader().odirect(), buffer,
                ReaderSettings.DEFAULT_MAX_VALUE_BYTES);
    }

    private void deleteDatasetUnlessKept() throws IOException {
        if (config.dataset().keepFiles() || options.rankOffset() != 0) {
            return;
        }
        DatasetLayout layout = WorkloadDataset.of(config).plan().layout();
        Path root = config.dataFolderPath();
        for (Split split : Split.values()) {
            for (int i = 0; i < layout.fileCount(split); i++) {
                Files.deleteIfExists(root.resolve(layout.relativePath(split, i)));
            }
            for (String folder : layout.folders(split)) {
                deleteIfEmpty(root.resolve(folder));
            }
            deleteIfEmpty(root.resolve(split.folder()));
        }
        org.dlioparquet.core.dataset.DatasetManifest.deleteBookkeeping(root);
        deleteIfEmpty(root);
        say("Deleted the dataset (dataset.keep_files: False)");
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                if (s.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            }
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private synchronized void say(String line) {
        options.listener().message(line);
        if (logFile != null) {
            try {
                logFile.write(LocalDateTime.now() + " " + line);
                logFile.newLine();
                logFile.flush();
            } catch (IOException e) {
                // the log file is a copy of what the listener already got
            }
        }
    }

    /** Seed of one reader thread's preprocessing draws: differs by rank and thread, fixed by train.seed. */
    private static long preprocessSeed(RunContext context, int rank, int thread) {
        return context.seed(3_000_000L + rank * 1024L + thread);
    }
}
