package org.dlioparquet.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.dlioparquet.core.config.ConfigException;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.datagen.DatasetGenerator;
import org.dlioparquet.core.dataset.DamageHint;
import org.dlioparquet.core.dataset.DatasetRemoval;
import org.dlioparquet.core.metrics.RunSummary;
import org.dlioparquet.core.run.EpochRunner;
import org.dlioparquet.core.run.RunLog;
import org.dlioparquet.core.storage.AtomicFiles;

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
        if (config.workflow().checkpoint()) {
            throw new ConfigException("workflow.checkpoint", "checkpointing is not supported by dlio-parquet yet");
        }
        Path output = outputFolder();
        Files.createDirectories(output);
        Path yaml = output.resolve("config.yaml");
        try {
            Files.writeString(yaml, config.toYaml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw AtomicFiles.namingFile(yaml, e); // a full disk says which file
        }
        try (RunLog log = RunLog.open(output.resolve(config.output().logFile()), options.listener())) {
            config.warnings().forEach(p -> log.say("Warning: " + p));
            GenerationResult generated = config.workflow().generateData() ? generate(log) : null;
            RunSummary summary = null;
            if (config.workflow().train() || config.workflow().evaluation()) {
                summary = epochs(output, log);
                cleanUp(log);
            }
            log.say("Saved outputs in " + output);
            return new RunResult(output, generated, summary);
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

    private RunSummary epochs(Path output, RunLog log) throws IOException {
        try {
            return new EpochRunner(config, options, log).run(output);
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
