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
import org.dlioparquet.core.dataset.DatasetRemoval;
import org.dlioparquet.core.metrics.RunSummary;
import org.dlioparquet.core.run.EpochRunner;
import org.dlioparquet.core.run.RunInstruments;
import org.dlioparquet.core.run.RunLog;
import org.dlioparquet.core.spi.StorageRegistry;

/**
 * The steps of a run, in order, as {@code dlio_benchmark} takes them: write {@code config.yaml}
 * (enough to repeat the run) and open the log; generate the dataset ({@code workflow.generate_data});
 * checkpoints ({@code workflow.checkpoint}); the epochs ({@code workflow.train},
 * {@code workflow.evaluation}); clean up ({@code dataset.keep_files: False}). Each step is another
 * package's; this class only says when.
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
        Path output = outputFolder();
        Files.createDirectories(output);
        Files.writeString(output.resolve("config.yaml"), config.toYaml(), StandardCharsets.UTF_8);
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
                summary = new EpochRunner(config, options, log, instruments).run(output);
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
        return g;
    }

    /** DLIO's rank 0 deletes the dataset after the run when {@code dataset.keep_files} is False. */
    private void cleanUp(RunLog log) throws IOException {
        if (config.dataset().keepFiles() || options.rankOffset() != 0) {
            return;
        }
        DatasetRemoval.delete(config);
        log.say("Deleted the dataset (dataset.keep_files: False)");
    }
}
