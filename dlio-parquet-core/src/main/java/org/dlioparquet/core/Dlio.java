package org.dlioparquet.core;

import java.io.IOException;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.datagen.DatasetGenerator;
import org.dlioparquet.core.dataset.DatasetValidator;
import org.dlioparquet.core.storage.StorageFolders;

/**
 * The entry point for Java code, the CLI and the Maven plugin alike.
 *
 * <pre>{@code
 * WorkloadConfig cfg = new WorkloadLoader().load(Path.of("workload.yaml"), List.of("++workload.dataset.num_files_train=16"));
 * GenerationResult written = Dlio.generate(cfg);
 * }</pre>
 */
public final class Dlio {
    private Dlio() {
    }

    /** Writes the workload's dataset (all files, one process). */
    public static GenerationResult generate(WorkloadConfig config) throws IOException {
        return generate(config, GenerationOptions.defaults());
    }

    /**
     * Writes this rank's share of the workload's dataset.
     *
     * @throws IOException when the data folder is not writable or a write fails; no file is left
     *                     looking complete
     */
    public static GenerationResult generate(WorkloadConfig config, GenerationOptions options) throws IOException {
        Workflow.requireStorageSupport(config);
        try (StorageFolders folders = StorageFolders.open(config)) {
            return new DatasetGenerator(folders.config(), options).generate();
        }
    }

    /** Executes the workload's workflow with one emulated accelerator. */
    public static RunResult run(WorkloadConfig config) throws IOException {
        return run(config, RunOptions.defaults());
    }

    /**
     * Executes the workload's workflow (generate_data, train, evaluation) and writes the result
     * files to the output folder.
     *
     * @throws org.dlioparquet.core.config.ConfigException for a workload that cannot run as asked
     * @throws DataFileException when a dataset file is missing, corrupt or does not match
     * @throws IOException       for other I/O failures
     */
    public static RunResult run(WorkloadConfig config, RunOptions options) throws IOException {
        Workflow.requireStorageSupport(config);
        try (StorageFolders folders = StorageFolders.open(config)) {
            return new Workflow(folders.config(), options).execute();
        }
    }

    /**
     * Checks the dataset on disk against the workload: names, count and non-empty files; with
     * {@code deep}, every sample decoded and sized.
     */
    public static ValidationReport validate(WorkloadConfig config, boolean deep) throws IOException {
        Workflow.requireStorageSupport(config);
        try (StorageFolders folders = StorageFolders.open(config)) {
            return new DatasetValidator(folders.config(), deep).validate();
        }
    }

    /**
     * What a failure of the calls above means for a user: a workload or option mistake, a bad
     * dataset file, another I/O failure, or a bug; with the message to print.
     */
    public static Failure classify(Throwable thrown) {
        return Failure.of(thrown);
    }
}
