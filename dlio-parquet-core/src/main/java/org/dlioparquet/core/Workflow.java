package org.dlioparquet.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.dlioparquet.core.config.ConfigException;
import org.dlioparquet.core.config.StorageType;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.datagen.DatasetGenerator;
import org.dlioparquet.core.dataset.DamageHint;
import org.dlioparquet.core.dataset.DatasetRemoval;
import org.dlioparquet.core.dist.Collective;
import org.dlioparquet.core.metrics.RunSummary;
import org.dlioparquet.core.run.EpochRunner;
import org.dlioparquet.core.run.RunInstruments;
import org.dlioparquet.core.run.RunLog;
import org.dlioparquet.core.run.SameWorkload;
import org.dlioparquet.core.spi.StorageRegistry;
import org.dlioparquet.core.storage.AtomicFiles;

/**
 * The steps of a run, in order, as {@code dlio_benchmark} takes them: write {@code config.yaml}
 * (enough to repeat the run) and open the log; generate the dataset ({@code workflow.generate_data});
 * checkpoints ({@code workflow.checkpoint}); the epochs ({@code workflow.train},
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
        requireLocalStorage(config);
        if (config.workflow().checkpoint()) {
            throw new ConfigException("workflow.checkpoint", "checkpointing is not supported by dlio-parquet yet");
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
            if (config.workflow().train() || config.workflow().evaluation()) {
                summary = epochs(output, log, instruments);
                cleanUp(log);
            }
            instruments.finish().forEach(log::say);
            log.say("Saved outputs in " + output);
            return new RunResult(output, generated, summary);
        }
    }

    /**
     * The storage seam's S3 and Hadoop back-ends exist but generation, the readers, validation and
     * cleanup still take local paths: until they go through the seam, a workload that asks for
     * another back-end is refused here, before anything is written.
     */
    static void requireLocalStorage(WorkloadConfig config) {
        String folder = config.dataset().dataFolder();
        if (config.storage().storageType() != StorageType.LOCAL_FS) {
            throw new ConfigException("storage.storage_type", config.storage().storageType().name().toLowerCase(Locale.ROOT)
                    + " storage is not wired into generation and runs yet; use local_fs");
        }
        if (StorageRegistry.isUri(folder) || StorageRegistry.isUri(config.storage().storageRoot())) {
            String key = StorageRegistry.isUri(folder) ? "dataset.data_folder" : "storage.storage_root";
            throw new ConfigException(key, "URIs (" + (StorageRegistry.isUri(folder) ? folder
                    : config.storage().storageRoot()) + ") are not wired into generation and runs yet; use a local path");
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
        log.say("Generating dataset in " + config.dataFolderPath()
                + (hosts > 1 ? " (host " + host + " of " + hosts + ")" : ""));
        GenerationResult g = new DatasetGenerator(config, options.generation().withRank(host, hosts)).generate();
        log.say(g.summaryLine(options.generation().verify()));
        if (options.collective().size() > 1) {
            options.collective().barrier(); // no process reads before every process has written its share
            log.say("Every process of the job has generated its share");
        }
        return g;
    }

    private RunSummary epochs(Path output, RunLog log, RunInstruments instruments) throws IOException {
        try {
            return new EpochRunner(config, options, log, instruments).run(output);
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
