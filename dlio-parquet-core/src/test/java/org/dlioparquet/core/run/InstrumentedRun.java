package org.dlioparquet.core.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.datagen.DatasetPlan;
import org.dlioparquet.core.datagen.WorkloadDataset;
import org.dlioparquet.core.internal.Threads;
import org.dlioparquet.core.metrics.HostInfo;
import org.dlioparquet.core.metrics.LatencyRecorder;
import org.dlioparquet.core.metrics.MetricReport;
import org.dlioparquet.core.metrics.RunSummary;
import org.dlioparquet.core.metrics.SummaryJson;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ReaderSettings;

/**
 * A run wired to {@link RunInstruments} exactly as the workflow is to wire it (issue 15): the
 * steps of {@code BenchmarkRun.execute} for generation, training and evaluation, with the
 * instruments opened first, told about the generation, a probe handed to every accelerator, and
 * {@code finish()} after {@code summary.json}. Tests of traces, timelines, progress and the report
 * run through it until the workflow makes these calls itself; then they call {@link Dlio#run}.
 */
public final class InstrumentedRun {
    private InstrumentedRun() {
    }

    public static RunResult run(WorkloadConfig config, RunOptions options) throws IOException {
        Path output = options.outputFolder().toAbsolutePath().normalize();
        Files.createDirectories(output);
        Files.writeString(output.resolve("config.yaml"), config.toYaml(), StandardCharsets.UTF_8);
        try (RunInstruments instruments = RunInstruments.open(config, options, output)) {
            GenerationResult generated = null;
            if (config.workflow().generateData()) {
                generated = Dlio.generate(config, options.generation());
                instruments.generated(generated);
            }
            RunSummary summary = epochs(config, options, output, instruments);
            instruments.finish().forEach(options.listener()::message);
            return new RunResult(output, generated, summary);
        }
    }

    private static RunSummary epochs(WorkloadConfig config, RunOptions options, Path output,
                                     RunInstruments instruments) throws IOException {
        WorkloadDataset dataset = WorkloadDataset.of(config);
        DatasetPlan plan = dataset.plan();
        Path root = config.dataFolderPath();
        long trainBytes = config.workflow().train() ? DatasetCheck.check(root, plan.layout(), Split.TRAIN) : 0;
        RunContext context = new RunContext(config, options.worldSize(), new SecureRandom().nextLong());
        FormatReader reader = dataset.provider().newReader(new ReaderSettings(config.dataset().recordElementType(),
                config.reader().columns(), config.reader().odirect(), ReaderSettings.DEFAULT_IO_BUFFER,
                ReaderSettings.DEFAULT_MAX_VALUE_BYTES));
        SkippedFiles skipped = new SkippedFiles();
        List<Accelerator> accelerators = new ArrayList<>();
        for (int i = 0; i < options.accelerators(); i++) {
            int rank = options.rankOffset() + i;
            accelerators.add(new Accelerator(rank, config, context,
                    loader("dlio-a" + rank + "-train", config, context, rank, reader, root, plan, Split.TRAIN, skipped),
                    loader("dlio-a" + rank + "-eval", config, context, rank, reader, root, plan, Split.EVAL, skipped),
                    instruments.rank(rank)));
        }
        EpochSummaries epochs = new EpochSummaries(accelerators, config.dataset().nominalRecordBytes(), e -> {
            options.listener().message(MetricReport.epochLine(e));
            options.listener().epochFinished(e);
        });
        CyclicBarrier stepBarrier = new CyclicBarrier(accelerators.size());
        CyclicBarrier epochBarrier = new CyclicBarrier(accelerators.size(), epochs);
        Instant start = Instant.now();
        long wallStart = System.nanoTime();
        runAll(accelerators, stepBarrier, epochBarrier);
        double wall = (System.nanoTime() - wallStart) / 1e9;
        LatencyRecorder[] merged = {new LatencyRecorder(), new LatencyRecorder(), new LatencyRecorder(),
                new LatencyRecorder()};
        for (Accelerator a : accelerators) {
            LatencyRecorder[] t = a.trainLoader().latencies();
            LatencyRecorder[] v = a.evalLoader().latencies();
            merged[0].merge(t[0]);
            merged[1].merge(t[1]);
            merged[2].merge(v[0]);
            merged[3].merge(v[1]);
        }
        RunSummary summary = new RunSummary(start, Instant.now(), options.worldSize(), options.accelerators(),
                HostInfo.current(), epochs.all(), config.metric().au(), merged[0].percentiles(), merged[1].percentiles(),
                merged[2].percentiles(), merged[3].percentiles(), 0, wall, trainBytes, new LinkedHashMap<>(), false);
        for (Accelerator a : accelerators) {
            SummaryJson.write(output.resolve(a.rank() + "_per_epoch_stats.json"),
                    SummaryJson.perEpochStats(a.train(), a.eval()));
        }
        if (options.rankOffset() == 0) {
            SummaryJson.write(output.resolve("summary.json"), SummaryJson.summary(summary, config, Version.get()));
        }
        return summary;
    }

    private static void runAll(List<Accelerator> accelerators, CyclicBarrier stepBarrier, CyclicBarrier epochBarrier)
            throws IOException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        AtomicInteger n = new AtomicInteger();
        for (Accelerator a : accelerators) {
            Thread t = new Thread(() -> {
                try {
                    a.run(stepBarrier, epochBarrier);
                } catch (BrokenBarrierException e) {
                    // another accelerator failed
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    stepBarrier.reset();
                    epochBarrier.reset();
                }
            }, "dlio-accelerator-" + n.getAndIncrement());
            threads.add(t);
            t.start();
        }
        try {
            Threads.joinAll(threads, "run");
        } finally {
            for (Accelerator a : accelerators) {
                a.trainLoader().close();
                a.evalLoader().close();
            }
        }
        Threads.rethrow(failure.get());
    }

    private static BatchLoader loader(String name, WorkloadConfig config, RunContext context, int rank,
                                      FormatReader reader, Path root, DatasetPlan plan, Split split,
                                      SkippedFiles skipped) {
        AtomicInteger threadNo = new AtomicInteger();
        return new BatchLoader(name, config.reader().readThreads(), config.reader().prefetchSize(),
                () -> new BatchReader(reader, i -> root.resolve(plan.layout().relativePath(split, (int) i)),
                        config.dataset().numSamplesPerFile(), config.reader().readType(),
                        new ComputeEmulator(config.reader().preprocessTime(),
                                new SplittableRandom(context.seed(3_000_000L + rank * 1024L + threadNo.getAndIncrement()))),
                        config.reader().onError(), skipped));
    }
}
