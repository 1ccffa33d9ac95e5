package org.dlioparquet.core.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.spi.FormatRegistry;

/** Types the raw keys of a workload, checks them, and builds the section records. */
final class WorkloadResolver {
    private final RawWorkload raw;
    private final Problems problems;
    private final ConversionContext context;
    private final Map<String, Object> typed = new LinkedHashMap<>();

    private WorkloadResolver(RawWorkload raw, Problems problems, FormatRegistry registry) {
        this.raw = raw;
        this.problems = problems;
        this.context = new ConversionContext(registry);
    }

    static WorkloadConfig resolve(RawWorkload raw, Problems problems, FormatRegistry registry, Path baseDirectory) {
        WorkloadResolver r = new WorkloadResolver(raw, problems, registry);
        r.typeEveryKey();
        r.mergeStdevKeys();
        WorkloadConfig config = r.build(baseDirectory, registry);
        new WorkloadValidator(config, raw, problems, registry).validate();
        if (problems.hasErrors()) {
            throw new ConfigException(problems.errors());
        }
        return config.withWarnings(problems.warnings());
    }

    private void typeEveryKey() {
        for (KeyDef def : WorkloadSchema.keys()) {
            Object value = def.defaultValue();
            RawValue given = raw.get(def.path()).orElse(null);
            if (given != null && given.value() != null) {
                try {
                    value = def.type().convert(given.value(), context);
                } catch (IllegalArgumentException e) {
                    problems.error(def.path(), e.getMessage(), given.source());
                    value = def.defaultValue();
                }
                checkSupport(def, value, given.source());
            }
            typed.put(def.path(), value);
        }
    }

    private void checkSupport(KeyDef def, Object value, String source) {
        switch (def.support()) {
            case UNSUPPORTED_WHEN:
                if (def.unsupportedWhen().test(value)) {
                    problems.error(def.path(), def.note(), source);
                }
                break;
            case IGNORED_BY_DLIO:
                problems.warning(def.path(), def.note() + "; ignored", source);
                break;
            default:
                break;
        }
    }

    /** DLIO's {@code computation_time_stdev} and friends add a stdev to the time's mean. */
    private void mergeStdevKeys() {
        for (String time : WorkloadSchema.timeKeys()) {
            String stdevKey = time + "_stdev";
            Object stdev = typed.remove(stdevKey);
            if (stdev == null) {
                continue;
            }
            double s = (Double) stdev;
            TimeDistribution t = (TimeDistribution) typed.get(time);
            switch (t.kind()) {
                case CONSTANT, NORMAL -> typed.put(time, s == 0 ? TimeDistribution.constant(t.mean())
                        : TimeDistribution.normal(t.mean(), s));
                default -> problems.error(stdevKey, "applies to a mean; " + time + " is a " + t.kind().name().toLowerCase()
                        + " distribution", raw.get(stdevKey).map(RawValue::source).orElse(null));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T get(String path) {
        return (T) typed.get(path);
    }

    private int i(String path) {
        return (Integer) typed.get(path);
    }

    private long l(String path) {
        return (Long) typed.get(path);
    }

    private double d(String path) {
        return (Double) typed.get(path);
    }

    private boolean b(String path) {
        return (Boolean) typed.get(path);
    }

    @SuppressWarnings("unchecked")
    private WorkloadConfig build(Path baseDirectory, FormatRegistry registry) {
        if (typed.get("dataset.format") == null && registry.find(FormatType.TFRECORD).isPresent()) {
            typed.put("dataset.format", FormatType.TFRECORD); // DLIO's default format
        }
        ParquetConfig parquet = new ParquetConfig(get("dataset.parquet.columns"), i("dataset.parquet.row_group_size"),
                i("dataset.parquet.generation_batch_size"), get("dataset.parquet.read_mode"),
                get("dataset.parquet.partition_by"));
        DatasetConfig dataset = new DatasetConfig((FormatType) get("dataset.format"), get("dataset.data_folder"),
                i("dataset.num_files_train"), i("dataset.num_files_eval"), i("dataset.num_samples_per_file"),
                d("dataset.record_length_bytes"), d("dataset.record_length_bytes_stdev"),
                d("dataset.record_length_bytes_resize"), get("dataset.record_dims"),
                (ElementType) get("dataset.record_element_type"), i("dataset.num_subfolders_train"),
                i("dataset.num_subfolders_eval"), get("dataset.file_prefix"), get("dataset.compression"),
                i("dataset.compression_level"), b("dataset.keep_files"), parquet, i("dataset.generation_threads"),
                l("dataset.generation_seed"), new Hdf5Config(i("dataset.hdf5.num_dset_per_record"),
                        get("dataset.hdf5.chunk_dims"), get("dataset.hdf5.max_shape")));
        List<String> columns = get("reader.columns");
        if (columns.isEmpty()) {
            // the DLIO fork selects Parquet columns through storage.storage_options.columns
            Object fork = ((Map<String, Object>) get("storage.storage_options")).get("columns");
            if (fork != null) {
                try {
                    columns = (List<String>) ValueTypes.stringList().convert(fork, context);
                } catch (IllegalArgumentException e) {
                    problems.error("storage.storage_options.columns", e.getMessage(),
                            raw.get("storage.storage_options").map(RawValue::source).orElse(null));
                }
            }
        }
        ReaderConfig reader = new ReaderConfig(get("reader.data_loader"), i("reader.batch_size"),
                i("reader.batch_size_eval"), i("reader.read_threads"), i("reader.prefetch_size"),
                get("reader.file_shuffle"), get("reader.sample_shuffle"), get("reader.read_type"),
                l("reader.transfer_size"), b("reader.odirect"), get("reader.preprocess_time"),
                get("reader.transformed_record_dims"), get("reader.transformed_record_element_type"),
                get("reader.on_error"), columns, l("reader.memory_budget_bytes"),
                b("reader.odirect_read_ahead"), b("reader.skip_payload_crc"));
        TrainConfig train = new TrainConfig(i("train.epochs"), get("train.computation_time"),
                l("train.total_training_steps"), l("train.seed"), b("train.seed_change_epoch"));
        EvaluationConfig evaluation = new EvaluationConfig(get("evaluation.eval_time"),
                i("evaluation.eval_after_epoch"), i("evaluation.epochs_between_evals"));
        CheckpointConfig checkpoint = new CheckpointConfig(get("checkpoint.checkpoint_folder"),
                i("checkpoint.checkpoint_after_epoch"), i("checkpoint.epochs_between_checkpoints"),
                l("checkpoint.steps_between_checkpoints"), get("checkpoint.type"), get("checkpoint.mode"),
                b("checkpoint.fsync"), d("checkpoint.time_between_checkpoints"), i("checkpoint.num_checkpoints_write"),
                i("checkpoint.num_checkpoints_read"), b("checkpoint.recovery_rank_shift"), b("checkpoint.rank_sync"),
                b("checkpoint.randomize_tensor"), b("checkpoint.odirect"), b("checkpoint.verify"));
        ModelConfig model = new ModelConfig(get("model.name"), get("model.type"), l("model.model_size_bytes"),
                get("model.model_datatype"), get("model.optimizer_datatype"), i("model.num_layers"),
                get("model.optimization_groups"), get("model.layer_parameters"),
                new ParallelismConfig(i("model.parallelism.tensor"), i("model.parallelism.pipeline"),
                        i("model.parallelism.data"), i("model.parallelism.zero_stage")),
                new TransformerConfig(i("model.transformer.vocab_size"), i("model.transformer.hidden_size"),
                        i("model.transformer.ffn_hidden_size"), i("model.transformer.num_attention_heads"),
                        i("model.transformer.num_kv_heads")));
        OutputConfig output = new OutputConfig(get("output.folder"), get("output.log_file"),
                i("output.metric.exclude_start_steps"), i("output.metric.exclude_end_steps"));
        WorkflowConfig workflow = new WorkflowConfig(b("workflow.generate_data"), b("workflow.train"),
                b("workflow.evaluation"), b("workflow.checkpoint"), b("workflow.profiling"));
        StorageConfig storage = new StorageConfig(get("storage.storage_type"), get("storage.storage_root"),
                get("storage.storage_options"));
        Map<String, Object> resolved = new LinkedHashMap<>(typed);
        resolved.values().removeIf(v -> v == null);
        return new WorkloadConfig(model, get("framework"), workflow, dataset, reader,
                train, evaluation, checkpoint, output, new MetricConfig(d("metric.au")), storage, resolved,
                List.of(), baseDirectory, registry);
    }
}
