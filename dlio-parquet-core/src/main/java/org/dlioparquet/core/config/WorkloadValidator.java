package org.dlioparquet.core.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.dlioparquet.core.DlioException;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.spi.ProblemReporter;
import org.dlioparquet.core.spi.StorageProvider;
import org.dlioparquet.core.spi.StorageRegistry;

/**
 * Checks that need more than one key: settings that contradict each other, a dataset too small
 * for one batch, what the format's provider accepts. Runs after every key is typed.
 */
final class WorkloadValidator {
    private final WorkloadConfig config;
    private final RawWorkload raw;
    private final Problems problems;
    private final FormatRegistry registry;

    WorkloadValidator(WorkloadConfig config, RawWorkload raw, Problems problems, FormatRegistry registry) {
        this.config = config;
        this.raw = raw;
        this.problems = problems;
        this.registry = registry;
    }

    private String source(String key) {
        return raw.get(key).map(RawValue::source).orElse(null);
    }

    private void error(String key, String message) {
        problems.error(key, message, source(key));
    }

    private void warning(String key, String message) {
        problems.warning(key, message, source(key));
    }

    void validate() {
        WorkflowConfig wf = config.workflow();
        DatasetConfig ds = config.dataset();
        boolean needsData = wf.generateData() || wf.train() || wf.evaluation();
        if (ds.format() == null) {
            if (needsData && raw.get("dataset.format").map(RawValue::value).isEmpty()) {
                error("dataset.format", "not set (DLIO's default, tfrecord, is not supported); available: "
                        + registry.availableNames());
            }
        } else {
            registry.find(ds.format()).ifPresent(p -> providerChecks(p, ds));
        }
        checkSizes(ds);
        checkSteps(wf, ds);
        checkNames(ds);
        checkColumns(ds);
        checkStorage(ds);
        checkRunSettings();
        checkModel(config.model());
        checkCheckpoints(wf, config.checkpoint());
        checkProfiling();
    }

    /** The back-end the data folder needs is there, and its options are well-formed. */
    private void checkStorage(DatasetConfig ds) {
        StorageType type = config.storage().storageType();
        if (ds.dataFolder() == null || ds.dataFolder().isBlank() || type == StorageType.PARALLEL_FS
                || type == StorageType.AISTORE) {
            return; // refused with its own message by the schema
        }
        StorageProvider provider;
        try {
            provider = StorageRegistry.loadDefault().providerFor(config.storage(), ds.dataFolder());
        } catch (DlioException e) {
            error(StorageRegistry.isUri(ds.dataFolder()) ? "dataset.data_folder" : "storage.storage_type", e.getMessage());
            return;
        }
        provider.unavailableReason().ifPresent(why -> error("storage.storage_type", why));
        provider.validate(config.storage(), new SourcedReporter());
    }

    private void providerChecks(FormatProvider provider, DatasetConfig ds) {
        provider.validate(ds, new SourcedReporter());
    }

    /** Gives the provider's problems the source of the key they name. */
    private final class SourcedReporter implements ProblemReporter {
        @Override
        public void error(String key, String message) {
            WorkloadValidator.this.error(key, message);
        }

        @Override
        public void warning(String key, String message) {
            WorkloadValidator.this.warning(key, message);
        }
    }

    private void checkSizes(DatasetConfig ds) {
        if (!ds.recordDims().isEmpty()) {
            if (ds.recordLengthBytesStdev() > 0) {
                error("dataset.record_length_bytes_stdev", "cannot be combined with dataset.record_dims "
                        + ds.recordDims() + ": a fixed shape has no size jitter");
            }
        } else if (ds.recordLengthBytes() < 1 && !ds.isColumnLayout()) {
            error("dataset.record_length_bytes", "must be at least 1 byte, got " + ds.recordLengthBytes());
        }
        long elements = ds.nominalSampleElements();
        if (elements > Integer.MAX_VALUE) {
            error(ds.recordDims().isEmpty() ? "dataset.record_length_bytes" : "dataset.record_dims",
                    "a sample of " + elements + " elements is larger than the 2^31-1 elements one sample may hold");
        }
    }

    private void checkSteps(WorkflowConfig wf, DatasetConfig ds) {
        ReaderConfig rd = config.reader();
        long trainSamples = (long) ds.numFilesTrain() * ds.numSamplesPerFile();
        long evalSamples = (long) ds.numFilesEval() * ds.numSamplesPerFile();
        if (wf.train()) {
            if (ds.numFilesTrain() == 0) {
                error("dataset.num_files_train", "is 0 but workflow.train is True; there is nothing to train on");
            } else if (trainSamples < rd.batchSize()) {
                error("reader.batch_size", rd.batchSize() + " is larger than the dataset's " + trainSamples
                        + " training samples (num_files_train " + ds.numFilesTrain() + " x num_samples_per_file "
                        + ds.numSamplesPerFile() + "); no training step could run");
            }
        }
        if (wf.evaluation()) {
            if (ds.numFilesEval() == 0) {
                error("dataset.num_files_eval", "is 0 but workflow.evaluation is True; set num_files_eval or "
                        + "turn evaluation off");
            } else if (evalSamples < rd.batchSizeEval()) {
                error("reader.batch_size_eval", rd.batchSizeEval() + " is larger than the dataset's " + evalSamples
                        + " evaluation samples; no evaluation step could run");
            }
        }
        long steps = config.train().totalTrainingSteps();
        if (steps == 0) {
            error("train.total_training_steps", "must be -1 (no cap) or at least 1, got 0");
        }
        OutputConfig out = config.output();
        if (wf.train() && ds.numFilesTrain() > 0 && trainSamples >= rd.batchSize()) {
            long stepsPerEpoch = trainSamples / rd.batchSize();
            if (out.excludeStartSteps() + out.excludeEndSteps() >= stepsPerEpoch) {
                warning("output.metric.exclude_start_steps", "excluding " + out.excludeStartSteps() + " + "
                        + out.excludeEndSteps() + " steps leaves none of the " + stepsPerEpoch
                        + " steps per epoch to measure; AU and throughput fall back to all steps");
            }
        }
    }

    private void checkNames(DatasetConfig ds) {
        String prefix = ds.filePrefix();
        if (prefix == null || prefix.isEmpty() || prefix.contains("/") || prefix.contains("\\")) {
            error("dataset.file_prefix", "must be a non-empty file name without '/', got '" + prefix + "'");
        }
        if (ds.dataFolder() == null || ds.dataFolder().isBlank()) {
            error("dataset.data_folder", "must not be empty");
        }
        String log = config.output().logFile();
        if (log == null || log.isBlank() || log.contains("/")) {
            error("output.log_file", "must be a file name without '/', got '" + log + "'");
        }
        if (ds.generationThreads() > 1024) {
            error("dataset.generation_threads", "at most 1024, got " + ds.generationThreads());
        }
    }

    private void checkColumns(DatasetConfig ds) {
        List<String> wanted = config.reader().columns();
        if (wanted.isEmpty() || ds.parquet().isBlobLayout()) {
            return;
        }
        Set<String> known = ds.parquet().columns().stream().map(ColumnSpec::name).collect(Collectors.toSet());
        Set<String> missing = new HashSet<>(wanted);
        missing.removeAll(known);
        if (!missing.isEmpty()) {
            String key = raw.get("reader.columns").isPresent() ? "reader.columns" : "storage.storage_options.columns";
            problems.error(key, "names columns that dataset.parquet.columns does not define: "
                    + missing.stream().sorted().collect(Collectors.joining(", ")), source(key.startsWith("reader")
                    ? key : "storage.storage_options"));
        }
    }

    /** DLIO's own checks of the model's split ({@code ConfigArguments.validate}), made whatever the workflow. */
    private void checkModel(ModelConfig model) {
        ParallelismConfig p = model.parallelism();
        if (model.numLayers() > 0 && model.numLayers() < p.pipeline()) {
            error("model.num_layers", model.numLayers() + " layers cannot fill " + p.pipeline()
                    + " pipeline stages (model.parallelism.pipeline); every stage needs a layer");
        }
        if (p.pipeline() > 1 && p.zeroStage() == 3) {
            error("model.parallelism.zero_stage", "ZeRO stage 3 cannot be combined with pipeline parallelism "
                    + "(model.parallelism.pipeline " + p.pipeline() + ")");
        }
        CheckpointMode mode = config.checkpoint().mode();
        if (p.data() == 0) {
            error("model.parallelism.data", "must be -1 (the rank count / (tensor x pipeline)) or at least 1, got 0");
        } else if (p.data() > 0 && mode == CheckpointMode.DEFAULT) {
            error("model.parallelism.data", "is " + p.data() + ", but in checkpoint.mode default the data parallelism "
                    + "is the rank count / (tensor x pipeline); remove it, or set checkpoint.mode: subset");
        }
        if (mode == CheckpointMode.SUBSET && p.data() < 0) {
            error("checkpoint.mode", "subset needs model.parallelism.data: the data parallelism of the full job "
                    + "that this run is a subset of");
        }
    }

    private void checkCheckpoints(WorkflowConfig wf, CheckpointConfig ck) {
        if (ck.checkpointFolder() == null || ck.checkpointFolder().isBlank()) {
            error("checkpoint.checkpoint_folder", "must not be empty");
        }
        if (ck.stepsBetweenCheckpoints() == 0) {
            error("checkpoint.steps_between_checkpoints", "must be -1 (checkpoints at the end of epochs) or at "
                    + "least 1, got 0");
        }
        if (ck.numCheckpointsWrite() > 0 && ck.numCheckpointsRead() > ck.numCheckpointsWrite()) {
            error("checkpoint.num_checkpoints_read", ck.numCheckpointsRead() + " is more than the "
                    + ck.numCheckpointsWrite() + " checkpoints written (num_checkpoints_write); loads read the "
                    + "first checkpoints written");
        }
        if (raw.get("checkpoint.ksm").isPresent() && ck.randomizeTensor()) {
            error("checkpoint.ksm", "requires checkpoint.randomize_tensor: False (KSM can only merge pages of "
                    + "equal tensors)");
        }
        if (!wf.checkpoint()) {
            return;
        }
        ModelConfig model = config.model();
        if (model.isTransformer() && model.numLayers() <= 0 && model.layerParameters().isEmpty()
                && model.optimizationGroups().isEmpty()) {
            warning("model.num_layers", "model.type is transformer but no layers are set; the checkpoints hold no "
                    + "tensors");
        }
        if (!wf.train() && ck.numCheckpointsWrite() <= 0 && ck.numCheckpointsRead() <= 0) {
            warning("checkpoint.num_checkpoints_write", "checkpoint-only mode with neither num_checkpoints_write nor "
                    + "num_checkpoints_read set: nothing is saved or loaded");
        }
    }

    /** DLIO's profilers are not emulated; the trace replaces them (one line, not an error). */
    private void checkProfiling() {
        ProfilingConfig p = config.profiling();
        if (p.enabled() && !p.profiler().equals("none")) {
            warning("profiling.profiler", p.profiler() + " is not emulated by dlio-parquet; workflow.profiling "
                    + "writes a DFTracer trace per rank (trace-<rank>-of-<size>.pfw.gz) instead");
        }
    }

    private void checkRunSettings() {
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = config.reader().readThreads();
        if (threads > 4 * cores) {
            warning("reader.read_threads", threads + " reader threads on " + cores
                    + " cores; the harness may become the bottleneck");
        }
        Path data = config.dataFolderPath();
        if (Files.isRegularFile(data)) {
            error("dataset.data_folder", data + " is a file, not a folder");
        }
    }
}
