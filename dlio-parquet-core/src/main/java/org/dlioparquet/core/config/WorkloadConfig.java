package org.dlioparquet.core.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.spi.StorageRegistry;

/**
 * A validated, immutable workload: DLIO's sections as records, plus the resolved value of every
 * key (for {@code config.yaml}) and the warnings found while reading it.
 *
 * <p>Made by {@link WorkloadLoader} from YAML and overrides, or from Java code with
 * {@link #builder()}; both go through the same typing and validation.
 */
public final class WorkloadConfig {
    private final ModelConfig model;
    private final String framework;
    private final WorkflowConfig workflow;
    private final DatasetConfig dataset;
    private final ReaderConfig reader;
    private final TrainConfig train;
    private final EvaluationConfig evaluation;
    private final CheckpointConfig checkpoint;
    private final OutputConfig output;
    private final MetricConfig metric;
    private final StorageConfig storage;
    private final Map<String, Object> resolvedValues;
    private final List<ConfigProblem> warnings;
    private final Path baseDirectory;
    private final FormatRegistry registry;
    /** The data folder opened on its storage (S3, HDFS): set by {@link #withDataFolderOnStorage}. */
    private Path dataFolderOnStorage;
    /** The checkpoint folder opened on its storage: set by {@link #withCheckpointFolderOnStorage}. */
    private Path checkpointFolderOnStorage;

    WorkloadConfig(ModelConfig model, String framework, WorkflowConfig workflow, DatasetConfig dataset,
                   ReaderConfig reader, TrainConfig train, EvaluationConfig evaluation, CheckpointConfig checkpoint,
                   OutputConfig output, MetricConfig metric, StorageConfig storage, Map<String, Object> resolvedValues,
                   List<ConfigProblem> warnings, Path baseDirectory, FormatRegistry registry) {
        this.model = model;
        this.framework = framework;
        this.workflow = workflow;
        this.dataset = dataset;
        this.reader = reader;
        this.train = train;
        this.evaluation = evaluation;
        this.checkpoint = checkpoint;
        this.output = output;
        this.metric = metric;
        this.storage = storage;
        this.resolvedValues = Collections.unmodifiableMap(new LinkedHashMap<>(resolvedValues));
        this.warnings = List.copyOf(warnings);
        this.baseDirectory = baseDirectory;
        this.registry = registry;
    }

    public ModelConfig model() {
        return model;
    }

    public String framework() {
        return framework;
    }

    public WorkflowConfig workflow() {
        return workflow;
    }

    public DatasetConfig dataset() {
        return dataset;
    }

    public ReaderConfig reader() {
        return reader;
    }

    public TrainConfig train() {
        return train;
    }

    public EvaluationConfig evaluation() {
        return evaluation;
    }

    public CheckpointConfig checkpoint() {
        return checkpoint;
    }

    public OutputConfig output() {
        return output;
    }

    public MetricConfig metric() {
        return metric;
    }

    public StorageConfig storage() {
        return storage;
    }

    /** The {@code profiling} section with {@code workflow.profiling}. */
    public ProfilingConfig profiling() {
        String profiler = (String) resolvedValues.getOrDefault("profiling.profiler", "iostat");
        String level = (String) resolvedValues.getOrDefault("profiling.trace_level", "sample");
        return new ProfilingConfig(workflow.profiling(), profiler, TraceLevel.valueOf(level.toUpperCase(Locale.ROOT)));
    }

    WorkloadConfig withWarnings(List<ConfigProblem> found) {
        WorkloadConfig copy = new WorkloadConfig(model, framework, workflow, dataset, reader, train, evaluation,
                checkpoint, output, metric, storage, resolvedValues, found, baseDirectory, registry);
        copy.dataFolderOnStorage = dataFolderOnStorage;
        copy.checkpointFolderOnStorage = checkpointFolderOnStorage;
        return copy;
    }

    /**
     * This workload with its data folder at {@code root}, a path of the storage that serves it (an
     * S3 bucket and prefix, a Hadoop file system folder), opened by the caller.
     */
    public WorkloadConfig withDataFolderOnStorage(Path root) {
        WorkloadConfig copy = withWarnings(warnings);
        copy.dataFolderOnStorage = root;
        return copy;
    }

    /**
     * This workload with its checkpoint folder at {@code root}, a path of the storage that serves
     * it, opened by the caller.
     */
    public WorkloadConfig withCheckpointFolderOnStorage(Path root) {
        WorkloadConfig copy = withWarnings(warnings);
        copy.checkpointFolderOnStorage = root;
        return copy;
    }

    /**
     * Whether the data folder lies on a storage other than the local file system: a URI
     * ({@code s3://bucket/data}, {@code hdfs://nn:8020/data}) as {@code data_folder} or
     * {@code storage_root}, or a {@code storage_type} other than {@code local_fs}.
     */
    public boolean dataOnStorage() {
        return onStorage(dataset.dataFolder());
    }

    /** Whether {@code folder} (data or checkpoints) lies on a storage other than the local file system. */
    private boolean onStorage(String folder) {
        return storage.storageType() != StorageType.LOCAL_FS || StorageRegistry.isUri(folder)
                || StorageRegistry.isUri(storage.storageRoot());
    }

    /** The data folder for messages: its path, or its URI on a storage ({@code s3://bucket/data}). */
    public String dataFolderName() {
        if (dataFolderOnStorage != null || !dataOnStorage()) {
            return dataFolderPath().toString();
        }
        return storageName(dataset.dataFolder());
    }

    /** {@code folder}'s URI on the storage that serves it, before it is opened. */
    private String storageName(String folder) {
        try {
            return StorageRegistry.loadDefault().root(storage, baseDirectory, folder).toString();
        } catch (RuntimeException e) {
            return folder; // no back-end serves it: opening it says so
        }
    }

    /** Non-fatal findings: keys DLIO ignores too, settings with no effect here. */
    public List<ConfigProblem> warnings() {
        return warnings;
    }

    /** The formats this workload was validated against; generation and runs use the same providers. */
    public FormatRegistry registry() {
        return registry;
    }

    /** Directory that relative paths ({@code storage_root}, {@code data_folder}) are resolved against. */
    public Path baseDirectory() {
        return baseDirectory;
    }

    /**
     * The dataset root on disk: {@code storage_root/data_folder} resolved against the base directory
     * (an absolute {@code data_folder} wins, as in DLIO).
     */
    public Path dataFolderPath() {
        if (dataFolderOnStorage != null) {
            return dataFolderOnStorage;
        }
        if (dataOnStorage()) {
            throw new IllegalStateException(dataFolderName() + " lies on storage: open it with StorageFolders.open first");
        }
        Path folder = Path.of(stripTrailingSlash(dataset.dataFolder()));
        if (folder.isAbsolute()) {
            return folder.normalize();
        }
        return baseDirectory.resolve(storage.storageRoot()).resolve(folder).toAbsolutePath().normalize();
    }

    /**
     * Whether checkpoints go to a storage other than the local file system: {@code checkpoint_folder}
     * is a URI ({@code s3://bucket/ckpt}, {@code hdfs://nn:8020/ckpt}), or the workload's storage is
     * not local ({@code storage_type: s3}, a URI {@code storage_root}), where a relative folder lies
     * below {@code storage_root} as the data folder does.
     */
    public boolean checkpointOnStorage() {
        return onStorage(checkpoint.checkpointFolder());
    }

    /** The checkpoint folder for messages: its path, or its URI on a storage ({@code s3://bucket/ckpt}). */
    public String checkpointFolderName() {
        if (checkpointFolderOnStorage != null || !checkpointOnStorage()) {
            return checkpointFolderPath().toString();
        }
        return storageName(checkpoint.checkpointFolder());
    }

    /**
     * The checkpoint root: on storage, the folder opened by {@link #withCheckpointFolderOnStorage};
     * on disk {@code checkpoint.checkpoint_folder} resolved against the base directory. As in DLIO,
     * local checkpoints do not go below {@code storage_root}.
     *
     * @throws IllegalStateException when the folder lies on storage that was not opened
     */
    public Path checkpointFolderPath() {
        if (checkpointFolderOnStorage != null) {
            return checkpointFolderOnStorage;
        }
        if (checkpointOnStorage()) {
            throw new IllegalStateException(checkpointFolderName() + " lies on storage: open it with "
                    + "StorageFolders.open first");
        }
        return baseDirectory.resolve(stripTrailingSlash(checkpoint.checkpointFolder())).toAbsolutePath().normalize();
    }

    /** The output folder, or {@code fallback} when the workload sets none. */
    public Path outputFolderPath(Path fallback) {
        if (output.folder() == null || output.folder().isBlank()) {
            return fallback.toAbsolutePath().normalize();
        }
        return baseDirectory.resolve(output.folder()).toAbsolutePath().normalize();
    }

    /** The resolved value of every key, typed, by dotted path. */
    public Map<String, Object> resolvedValues() {
        return resolvedValues;
    }

    /**
     * The resolved values of the keys that decide the generated files' names and bytes, by path:
     * two workloads with equal values here describe the same dataset. Where the files live, how
     * they are written or read, and keys with no effect are left out.
     */
    public Map<String, Object> datasetFileValues() {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean hdf5 = FormatType.HDF5.equals(dataset.format());
        resolvedValues.forEach((k, v) -> {
            // a format's own block decides only that format's files
            if (WorkloadSchema.decidesDatasetFiles(k) && (hdf5 || !k.startsWith("dataset.hdf5."))) {
                out.put(k, v);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** The whole resolved workload as DLIO-style YAML, so that a run can be repeated exactly. */
    public String toYaml() {
        return ConfigYamlWriter.write(resolvedValues);
    }

    /** A builder that starts from this workload's values. */
    public Builder toBuilder() {
        Builder b = new Builder().baseDirectory(baseDirectory).registry(registry);
        resolvedValues.forEach(b::set);
        return b;
    }

    public static Builder builder() {
        return new Builder();
    }

    private static String stripTrailingSlash(String s) {
        String t = s;
        while (t.length() > 1 && t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    @Override
    public String toString() {
        return "WorkloadConfig[" + model.name() + ", " + dataset.format() + ", " + dataFolderName() + "]";
    }

    /**
     * Builds a workload from Java code. Keys are DLIO's dotted paths; values may be typed
     * ({@code FormatType.PARQUET}, {@code 8}, a {@link TimeDistribution}) or text as in YAML.
     * {@link #build()} types and validates them exactly as YAML is.
     */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();
        private Path baseDirectory = Path.of("");
        private FormatRegistry registry;

        Builder() {
        }

        /** Sets a key, e.g. {@code set("reader.batch_size", 8)}; a {@code null} value resets the default. */
        public Builder set(String key, Object value) {
            Objects.requireNonNull(key, "key");
            values.put(key, value);
            return this;
        }

        public Builder format(FormatType format) {
            return set("dataset.format", format);
        }

        public Builder dataFolder(Path folder) {
            return set("dataset.data_folder", folder.toString());
        }

        public Builder numFilesTrain(int files) {
            return set("dataset.num_files_train", files);
        }

        public Builder numFilesEval(int files) {
            return set("dataset.num_files_eval", files);
        }

        public Builder numSamplesPerFile(int samples) {
            return set("dataset.num_samples_per_file", samples);
        }

        public Builder recordLengthBytes(double bytes) {
            return set("dataset.record_length_bytes", bytes);
        }

        public Builder batchSize(int batchSize) {
            return set("reader.batch_size", batchSize);
        }

        public Builder readThreads(int threads) {
            return set("reader.read_threads", threads);
        }

        public Builder epochs(int epochs) {
            return set("train.epochs", epochs);
        }

        public Builder computationTime(TimeDistribution time) {
            return set("train.computation_time", time);
        }

        public Builder workflow(boolean generateData, boolean train, boolean evaluation) {
            set("workflow.generate_data", generateData);
            set("workflow.train", train);
            return set("workflow.evaluation", evaluation);
        }

        public Builder outputFolder(Path folder) {
            return set("output.folder", folder.toString());
        }

        /** Directory relative paths are resolved against; default: the working directory. */
        public Builder baseDirectory(Path dir) {
            this.baseDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Formats to validate against; default: the providers on dlio-parquet's class path. */
        public Builder registry(FormatRegistry formats) {
            this.registry = formats;
            return this;
        }

        /**
         * @throws ConfigException listing every problem
         */
        public WorkloadConfig build() {
            WorkloadLoader loader = new WorkloadLoader(registry == null ? FormatRegistry.loadDefault() : registry)
                    .baseDirectory(baseDirectory);
            return loader.fromKeys(values, "builder");
        }
    }
}
