package org.dlioparquet.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.IntStream;
import org.dlioparquet.core.checkpoint.CheckpointId;
import org.dlioparquet.core.checkpoint.CheckpointListener;
import org.dlioparquet.core.checkpoint.CheckpointOnlyRun;
import org.dlioparquet.core.checkpoint.CheckpointPlan;
import org.dlioparquet.core.checkpoint.CheckpointSchedule;
import org.dlioparquet.core.checkpoint.CheckpointSizing;
import org.dlioparquet.core.checkpoint.Checkpointer;
import org.dlioparquet.core.checkpoint.CollectiveProcessGroup;
import org.dlioparquet.core.checkpoint.ProcessGroup;
import org.dlioparquet.core.config.ConfigException;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.datagen.DatasetGenerator;
import org.dlioparquet.core.dataset.DamageHint;
import org.dlioparquet.core.dataset.DatasetRemoval;
import org.dlioparquet.core.dist.Collective;
import org.dlioparquet.core.metrics.CheckpointJson;
import org.dlioparquet.core.metrics.CheckpointOp;
import org.dlioparquet.core.metrics.CheckpointReport;
import org.dlioparquet.core.metrics.CheckpointSummary;
import org.dlioparquet.core.metrics.HostInfo;
import org.dlioparquet.core.metrics.JobCheckpoint;
import org.dlioparquet.core.metrics.MetricReport;
import org.dlioparquet.core.metrics.RunSummary;
import org.dlioparquet.core.metrics.SummaryJson;
import org.dlioparquet.core.run.EpochRunner;
import org.dlioparquet.core.run.RunInstruments;
import org.dlioparquet.core.run.RunLog;
import org.dlioparquet.core.run.SameWorkload;
import org.dlioparquet.core.storage.AtomicFiles;
import org.dlioparquet.core.storage.DurableStorage;

/**
 * The steps of a run, in order, as {@code dlio_benchmark} takes them: write {@code config.yaml}
 * (enough to repeat the run) and open the log; generate the dataset ({@code workflow.generate_data});
 * checkpoints ({@code workflow.checkpoint}: without {@code workflow.train} DLIO's checkpoint-only
 * saves and loads, with it saves during the epochs); the epochs ({@code workflow.train},
 * {@code workflow.evaluation}); clean up ({@code dataset.keep_files: False}). Each step is another
 * package's; this class only says when. In a job of several processes every process takes the
 * same steps, in one output folder (rank 0's choice), and none reads before all have generated.
 */
final class Workflow {
    private final WorkloadConfig config;
    private final RunOptions options;

    Workflow(WorkloadConfig config, RunOptions options) {
        this.config = config;
        this.options = options;
    }

    RunResult execute() throws IOException {
        requireStorageSupport(config);
        CheckpointSizing sizing = null;
        ProcessGroup group = null;
        if (config.workflow().checkpoint()) {
            // the model must fit the ranks and the checkpoints the disk, before anything is written
            sizing = CheckpointSizing.of(config, options.worldSize());
            group = processGroup();
            sizing.requireSpace(DurableStorage.LOCAL, config.checkpointFolderPath());
        }
        SameWorkload.require(options.collective(), config, options);
        Path output = jobOutputFolder();
        Files.createDirectories(output);
        Path yaml = output.resolve("config.yaml");
        try {
            if (options.collective().rank() == 0) { // the job's processes share the folder and the workload
                Files.writeString(yaml, config.toYaml(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw AtomicFiles.namingFile(yaml, e); // a full disk says which file
        }
        try (RunLog log = RunLog.open(output.resolve(config.output().logFile()), options.listener());
             RunInstruments instruments = RunInstruments.open(config, options, output)) {
            config.warnings().forEach(p -> log.say("Warning: " + p));
            GenerationResult generated = null;
            if (config.workflow().generateData()) {
                generated = generate(log);
                instruments.generated(generated);
            }
            RunSummary summary = null;
            CheckpointSummary checkpoints = null;
            try (Checkpointer checkpointer = sizing == null ? null : checkpointer(sizing.plan(), group, log)) {
                if (checkpointer != null && CheckpointSchedule.of(config).checkpointOnly()) {
                    checkpoints = checkpointOnly(checkpointer, output, log);
                } else if (config.workflow().train() || config.workflow().evaluation()) {
                    summary = epochs(output, log, instruments, checkpointer);
                    checkpoints = checkpointer == null ? null : checkpointer.summary();
                    cleanUp(log);
                }
            }
            instruments.finish().forEach(log::say);
            log.say("Saved outputs in " + output);
            return new RunResult(output, generated, summary, checkpoints);
        }
    }

    /**
     * The job's processes as checkpoints see them; the one place that picks them. A process that
     * runs every rank needs no one else; the processes of an MPI job meet through its collective.
     */
    private ProcessGroup processGroup() {
        if (options.worldSize() == options.accelerators()) {
            return ProcessGroup.SOLO;
        }
        if (options.collective().size() * options.accelerators() == options.worldSize()) {
            return CollectiveProcessGroup.of(options.collective());
        }
        throw new ConfigException("workflow.checkpoint", "checkpoints of a job of several processes (world size "
                + options.worldSize() + ", " + options.accelerators() + " accelerators here) need the processes "
                + "joined by MPI (mpirun); run every rank in one process (--accelerators " + options.worldSize()
                + ") or launch the processes with mpirun");
    }

    /** Saves and loads for this process's ranks, each line of progress into the run's log. */
    private Checkpointer checkpointer(CheckpointPlan plan, ProcessGroup group, RunLog log) {
        List<Integer> ranks = IntStream.range(options.rankOffset(), options.rankOffset() + options.accelerators())
                .boxed().toList();
        log.say("Checkpoints of " + config.model().name() + ": " + plan.describe() + " in "
                + config.checkpointFolderName());
        return new Checkpointer(config, plan, ranks, group, DurableStorage.LOCAL, new CheckpointListener() {
            @Override
            public void started(CheckpointOp op, CheckpointId id) {
                log.say(CheckpointReport.startLine(op, id.epoch(), id.step(), id.block()));
            }

            @Override
            public void finished(JobCheckpoint checkpoint) {
                log.say(CheckpointReport.finishedLine(checkpoint));
            }

            @Override
            public void note(String message) {
                log.say("Warning: " + message);
            }
        });
    }

    /**
     * DLIO's checkpoint-only mode: the saves, then the loads, on every local rank; then each rank's
     * {@code <rank>_per_epoch_stats.json} and, on the process of rank 0, {@code summary.json}.
     */
    private CheckpointSummary checkpointOnly(Checkpointer checkpointer, Path output, RunLog log) throws IOException {
        if (config.workflow().evaluation()) {
            log.say("Warning: workflow.evaluation is ignored in checkpoint-only mode (workflow.train: False), as DLIO");
        }
        CheckpointOnlyRun.Outcome ran = new CheckpointOnlyRun(checkpointer, CheckpointSchedule.of(config)).run();
        CheckpointSummary s = checkpointer.summary();
        long bytes = checkpointer.plan().totalBytes();
        for (int rank : checkpointer.localRanks()) {
            SummaryJson.write(output.resolve(rank + "_per_epoch_stats.json"), CheckpointJson
                    .checkpointOnlyPerEpochStats(checkpointer.timings(rank), bytes, ran.start(), ran.end()));
        }
        if (options.rankOffset() == 0) {
            SummaryJson.write(output.resolve("summary.json"), CheckpointJson.checkpointOnlySummary(s, ran.start(),
                    ran.end(), options.worldSize(), options.accelerators(), HostInfo.current(), Version.get()));
        }
        MetricReport.checkpointBlock(options.worldSize(), s).forEach(log::say);
        return s;
    }

    /**
     * What a data or checkpoint folder on S3 or a Hadoop file system cannot do, refused before
     * anything is written: O_DIRECT needs a local file.
     */
    static void requireStorageSupport(WorkloadConfig config) {
        if (config.dataOnStorage() && config.reader().odirect()) {
            throw new ConfigException("reader.odirect", "O_DIRECT reads need a local file system; the data folder "
                    + config.dataFolderName() + " is not one: set reader.odirect: False");
        }
        if (config.workflow().checkpoint() && config.checkpointOnStorage() && config.checkpoint().odirect()) {
            throw new ConfigException("checkpoint.odirect", "O_DIRECT needs a local file system; the checkpoint folder "
                    + config.checkpointFolderName() + " is not one: set checkpoint.odirect: False");
        }
    }

    /** Rank 0's output folder for every process of the job: a default one is named after the time. */
    private Path jobOutputFolder() {
        Collective job = options.collective();
        if (job.size() == 1) {
            return outputFolder();
        }
        byte[] chosen = job.rank() == 0 ? outputFolder().toString().getBytes(StandardCharsets.UTF_8) : null;
        return Path.of(new String(job.broadcast(chosen), StandardCharsets.UTF_8));
    }

    private Path outputFolder() {
        if (options.outputFolder() != null) {
            return options.outputFolder().toAbsolutePath().normalize();
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return config.outputFolderPath(config.baseDirectory().resolve("output").resolve(config.model().name())
                .resolve(stamp));
    }

    /** Each host (process) writes its share: the accelerators of one process are one generation rank. */
    private GenerationResult generate(RunLog log) throws IOException {
        int hosts = options.worldSize() / options.accelerators();
        int host = options.rankOffset() / options.accelerators();
        log.say("Generating dataset in " + config.dataFolderName()
                + (hosts > 1 ? " (host " + host + " of " + hosts + ")" : ""));
        GenerationResult g = new DatasetGenerator(config, options.generation().withRank(host, hosts)).generate();
        log.say(g.summaryLine(options.generation().verify()));
        if (options.collective().size() > 1) {
            options.collective().barrier(); // no process reads before every process has written its share
            log.say("Every process of the job has generated its share");
        }
        return g;
    }

    private RunSummary epochs(Path output, RunLog log, RunInstruments instruments, Checkpointer checkpointer)
            throws IOException {
        try {
            return new EpochRunner(config, options, log, instruments, checkpointer).run(output);
        } catch (DataFileException e) {
            throw DamageHint.explain(config, e); // a file changed since it was written: datagen --verify
        }
    }

    /** DLIO's rank 0 deletes the dataset after the run when {@code dataset.keep_files} is False. */
    private void cleanUp(RunLog log) throws IOException {
        if (config.dataset().keepFiles() || options.rankOffset() != 0) {
            return;
        }
        DatasetRemoval removed = DatasetRemoval.delete(config);
        log.say("Deleted the dataset (dataset.keep_files: False): " + removed.deleted() + " files"
                + (removed.kept() == 0 ? "" : "; kept " + removed.kept() + " files under its names that no manifest "
                + "of this workload records (dlio-parquet deletes only files it wrote)"));
    }
}
