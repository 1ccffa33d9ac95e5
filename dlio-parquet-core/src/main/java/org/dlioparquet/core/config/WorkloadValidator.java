package org.dlioparquet.core.config;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.dlioparquet.core.DlioException;
import org.dlioparquet.core.internal.Printable;
import org.dlioparquet.core.internal.Sizes;
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
        checkCountsFitTheHeap(ds);
        checkDatasetFitsItsFileSystem(ds);
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

    /**
     * Memory a count costs however the dataset is used: per file its manifest entry, its jittered
     * dimensions and the run's bit of bookkeeping; per subfolder its name and path.
     */
    static final long BYTES_PER_FILE = 32;
    static final long BYTES_PER_SUBFOLDER = 256;

    /** Refuses counts whose bookkeeping alone would exhaust the heap (an out-of-memory, or minutes of spinning). */
    private void checkCountsFitTheHeap(DatasetConfig ds) {
        long heap = Runtime.getRuntime().maxMemory();
        long budget = heap / 2;
        String[] keys = {"dataset.num_files_train", "dataset.num_files_eval", "dataset.num_subfolders_train",
            "dataset.num_subfolders_eval"};
        long[] costs = {ds.numFilesTrain() * BYTES_PER_FILE, ds.numFilesEval() * BYTES_PER_FILE,
            ds.numSubfoldersTrain() * BYTES_PER_SUBFOLDER, ds.numSubfoldersEval() * BYTES_PER_SUBFOLDER};
        long[] counts = {ds.numFilesTrain(), ds.numFilesEval(), ds.numSubfoldersTrain(), ds.numSubfoldersEval()};
        long total = 0;
        int largest = 0;
        for (int i = 0; i < costs.length; i++) {
            total += costs[i];
            largest = costs[i] > costs[largest] ? i : largest;
        }
        if (total > budget) {
            String what = largest < 2 ? "files" : "subfolders";
            error(keys[largest], counts[largest] + " " + what + " need about " + Sizes.bytes(total) + " of memory for "
                    + "their bookkeeping, more than half the Java heap (" + Sizes.bytes(heap) + "); lower it, or give "
                    + "the JVM more heap (-Xmx, e.g. DLIO_JAVA_OPTS=-Xmx16g)");
        }
    }

    /**
     * Refuses a dataset larger than the whole file system of its data folder, whatever is on it: no
     * generation could write it and no run could read it. (Generation also checks the free space.)
     */
    private void checkDatasetFitsItsFileSystem(DatasetConfig ds) {
        long perSample = ds.nominalSampleBytes();
        double bytes = (double) ds.totalFiles() * ds.numSamplesPerFile() * perSample
                / (ds.compression() == Compression.NONE ? 1 : 4);
        if (config.dataOnStorage()) {
            return; // an object store has no capacity; a Hadoop file system's is checked on generation
        }
        Optional<FileStore> store;
        try {
            store = fileStoreOf(config.dataFolderPath());
        } catch (InvalidPathException e) {
            return; // reported by checkDataFolder
        }
        if (store.isEmpty() || bytes < 1) {
            return;
        }
        try {
            long capacity = store.get().getTotalSpace();
            if (capacity > 0 && bytes > capacity) {
                String key = ds.totalFiles() > ds.numSamplesPerFile() ? "dataset.num_files_train"
                        : "dataset.num_samples_per_file";
                error(key, String.format(Locale.ROOT, "%d files x %d samples x %d bytes need at least %s (the samples "
                        + "alone), more than the %s file system of data_folder %s holds; lower num_files_train, "
                        + "num_samples_per_file or record_length_bytes", ds.totalFiles(), ds.numSamplesPerFile(),
                        perSample, Sizes.bytes((long) Math.min(bytes, Long.MAX_VALUE)), Sizes.bytes(capacity),
                        config.dataFolderPath()));
            }
        } catch (IOException e) {
            // a file system that cannot say its size: generation checks the free space again
        }
    }

    /** The file store of {@code folder}, or of its nearest existing parent when it does not exist yet. */
    private static Optional<FileStore> fileStoreOf(Path folder) {
        for (Path p = folder; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                try {
                    return Optional.of(Files.getFileStore(p));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
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
            if (config.evaluation().epochsBetweenEvals() < 1) {
                error("evaluation.epochs_between_evals", "must be at least 1 when workflow.evaluation is True, got "
                        + config.evaluation().epochsBetweenEvals());
            }
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
        if (prefix == null || prefix.isEmpty() || prefix.contains("/") || prefix.contains("\\")
                || Printable.hasControl(prefix)) {
            error("dataset.file_prefix", "must be a non-empty file name without '/' or control characters, got "
                    + ValueTypes.show(prefix));
        }
        String model = config.model().name();
        if (!isPlainName(model)) {
            error("model.name", "names the run's output folder (output/<model.name>/...), so it must be a file name "
                    + "without '/', '..' or control characters, got " + ValueTypes.show(model));
        }
        checkDataFolder(ds);
        String log = config.output().logFile();
        if (!isPlainName(log)) {
            error("output.log_file", "must be a file name without '/', got " + ValueTypes.show(log));
        }
        if (ds.generationThreads() > 1024) {
            error("dataset.generation_threads", "at most 1024, got " + ds.generationThreads());
        }
    }

    /** A name that stays inside the folder it is resolved in: no separator, not {@code .} or {@code ..}. */
    private static boolean isPlainName(String name) {
        return name != null && !name.isBlank() && !name.contains("/") && !name.contains("\\") && !name.equals(".")
                && !name.equals("..") && !Printable.hasControl(name);
    }

    /**
     * The data folder receives {@code train/} and {@code valid/} and, with {@code keep_files:
     * False}, loses them again: a file system root is never a dataset's folder.
     */
    private void checkDataFolder(DatasetConfig ds) {
        if (ds.dataFolder() == null || ds.dataFolder().isBlank()) {
            error("dataset.data_folder", "must not be empty");
            return;
        }
        if (Printable.hasControl(ds.dataFolder()) || Printable.hasControl(config.storage().storageRoot())) {
            String key = Printable.hasControl(ds.dataFolder()) ? "dataset.data_folder" : "storage.storage_root";
            error(key, "must not hold control characters, got " + ValueTypes.show(Printable.hasControl(ds.dataFolder())
                    ? ds.dataFolder() : config.storage().storageRoot()));
            return;
        }
        if (config.dataOnStorage()) {
            return; // its storage back-end checks the URI and options
        }
        Path folder;
        try {
            folder = config.dataFolderPath();
        } catch (InvalidPathException e) {
            error("dataset.data_folder", "not a valid path: " + e.getReason());
            return;
        }
        if (folder.getParent() == null) {
            error("dataset.data_folder", "is the file system root " + folder + "; generation writes train/ and "
                    + "valid/ into the data folder (and keep_files: False deletes them): choose a folder of its own");
        } else if (Files.isRegularFile(folder)) {
            error("dataset.data_folder", folder + " is a file, not a folder");
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
    }
}
