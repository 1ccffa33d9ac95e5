package org.dlioparquet.core.config;

import static org.dlioparquet.core.config.ValueTypes.any;
import static org.dlioparquet.core.config.ValueTypes.bool;
import static org.dlioparquet.core.config.ValueTypes.columns;
import static org.dlioparquet.core.config.ValueTypes.compression;
import static org.dlioparquet.core.config.ValueTypes.elementType;
import static org.dlioparquet.core.config.ValueTypes.enumeration;
import static org.dlioparquet.core.config.ValueTypes.format;
import static org.dlioparquet.core.config.ValueTypes.integer;
import static org.dlioparquet.core.config.ValueTypes.integerList;
import static org.dlioparquet.core.config.ValueTypes.longInteger;
import static org.dlioparquet.core.config.ValueTypes.longList;
import static org.dlioparquet.core.config.ValueTypes.mapping;
import static org.dlioparquet.core.config.ValueTypes.number;
import static org.dlioparquet.core.config.ValueTypes.oneOf;
import static org.dlioparquet.core.config.ValueTypes.string;
import static org.dlioparquet.core.config.ValueTypes.stringList;
import static org.dlioparquet.core.config.ValueTypes.time;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.dlioparquet.core.ElementType;

/**
 * Every workload key dlio-parquet knows: DLIO's keys ({@code reference/dlio.md} §2.2) with DLIO's
 * defaults, the MLCommons fork's {@code dataset.parquet} block, and the few keys of our own
 * (marked "dlio-parquet"). A key not listed here is an error that names the nearest known key.
 */
final class WorkloadSchema {

    /** Keys whose value is a free-form mapping; anything below them is accepted. */
    private static final Set<String> OPEN_SECTIONS = Set.of("storage.storage_options", "checkpoint.ksm", "logging", "hydra");

    /**
     * Keys whose value is a duration distribution (default: none, {@link TimeDistribution#ZERO});
     * their fields can be overridden one by one, and each has a DLIO {@code <key>_stdev} companion.
     */
    private static final List<String> TIME_KEYS = List.of("train.computation_time", "evaluation.eval_time",
            "reader.preprocess_time");

    private static final Map<String, KeyDef> KEYS = new LinkedHashMap<>();
    private static final Set<String> SECTIONS = new HashSet<>();

    static {
        String pythonOnly = "a setting of DLIO's Python data loaders; the JVM runner has no equivalent";

        add("framework", oneOf("tensorflow", "pytorch"), "tensorflow").noEffect(pythonOnly);

        add("model.name", string(), "default");
        add("model.type", string(), null);
        add("model.model_size_bytes", longInteger(0), 10240L);
        add("model.model_datatype", enumeration(TensorDatatype.class), TensorDatatype.FP16);
        add("model.optimizer_datatype", enumeration(TensorDatatype.class), TensorDatatype.FP32);
        add("model.optimization_groups", longList(0), List.of());
        add("model.num_layers", integer(-1), -1);
        add("model.layer_parameters", longList(0), List.of());
        add("model.parallelism.tensor", integer(1), 1);
        add("model.parallelism.pipeline", integer(1), 1);
        add("model.parallelism.data", integer(-1), -1);
        add("model.parallelism.zero_stage", integer(0, 3), 0);
        add("model.transformer.vocab_size", integer(1), 32000);
        add("model.transformer.hidden_size", integer(1), 2048);
        add("model.transformer.ffn_hidden_size", integer(1), 8192);
        add("model.transformer.num_attention_heads", integer(1), 32);
        add("model.transformer.num_kv_heads", integer(1), 8);
        add("model.model_size", any(), null).ignoredByDlio("DLIO ignores model.model_size (checkpoint size comes from model.model_size_bytes)");

        add("workflow.generate_data", bool(), false);
        add("workflow.train", bool(), true);
        add("workflow.evaluation", bool(), false);
        add("workflow.checkpoint", bool(), false);
        add("workflow.profiling", bool(), false);
        add("workflow.debug", any(), null).ignoredByDlio("DLIO ignores workflow.debug");

        add("storage.storage_type", enumeration(StorageType.class), StorageType.LOCAL_FS)
                .unsupportedWhen(v -> v == StorageType.PARALLEL_FS || v == StorageType.AISTORE,
                        "only local_fs and s3 storage are supported by dlio-parquet (a parallel file system is "
                                + "mounted: use local_fs)");
        add("storage.storage_root", string(), "./");
        add("storage.storage_options", mapping(), Map.of());

        add("dataset.format", format(), null);
        add("dataset.data_folder", string(), "./data/").outsideFiles();
        add("dataset.num_files_train", integer(0), 8);
        add("dataset.num_files_eval", integer(0), 0);
        add("dataset.num_samples_per_file", integer(1), 1);
        add("dataset.record_length_bytes", number(0, true, Double.MAX_VALUE), 65536.0);
        add("dataset.record_length_bytes_stdev", number(0, false, Double.MAX_VALUE), 0.0);
        add("dataset.record_length_bytes_resize", number(0, false, Double.MAX_VALUE), 0.0).outsideFiles();
        add("dataset.record_dims", integerList(1), List.of());
        add("dataset.record_element_type", elementType(), ElementType.UINT8);
        add("dataset.record_element_bytes", integer(1), 4).noEffect("derived from dataset.record_element_type");
        add("dataset.num_subfolders_train", integer(0), 0);
        add("dataset.num_subfolders_eval", integer(0), 0);
        add("dataset.file_prefix", string(), "img");
        add("dataset.compression", compression(), Compression.NONE);
        add("dataset.compression_level", integer(-1, 22), 4);
        add("dataset.enable_chunking", bool(), false).noEffect("DLIO parses it but never uses it");
        add("dataset.chunk_size", longInteger(0), 0L).noEffect("DLIO parses it but never uses it");
        add("dataset.keep_files", bool(), true).outsideFiles();
        add("dataset.generation_buffer_size", longInteger(1), 2L << 30).noEffect("DLIO's indexed_binary write "
                + "buffer; generation here streams every format in small blocks");
        add("dataset.hdf5.num_dset_per_record", integer(1), 1);
        add("dataset.hdf5.chunk_dims", integerList(1), List.of());
        add("dataset.hdf5.max_shape", integerList(1), List.of()).unsupportedWhen(v -> !((List<?>) v).isEmpty(),
                "resizable HDF5 datasets (h5py maxshape) are not supported: jHDF writes fixed-size datasets; "
                        + "remove dataset.hdf5.max_shape");
        add("dataset.record_length", any(), null).ignoredByDlio("DLIO ignores dataset.record_length; the sample size is dataset.record_length_bytes");
        add("dataset.parquet.columns", columns(), List.of());
        add("dataset.parquet.row_group_size", integer(1), 1024);
        add("dataset.parquet.generation_batch_size", integer(0), 0).noEffect("generation streams rows; no batch is held in memory");
        add("dataset.parquet.partition_by", stringList(), List.of()).unsupportedWhen(v -> !((List<?>) v).isEmpty(),
                "partitioned Parquet datasets are not supported by dlio-parquet yet");
        add("dataset.parquet.use_s3dlio_gen", bool(), false).noEffect("a Python generator back-end of the DLIO fork");
        add("dataset.parquet.read_mode", oneOf("row_group", "default"), "row_group").outsideFiles();
        // dlio-parquet's own keys
        add("dataset.generation_threads", integer(0), 0).outsideFiles();
        add("dataset.generation_seed", longInteger(Long.MIN_VALUE), 10L);

        add("reader.data_loader", oneOf("tensorflow", "pytorch", "dali", "native_dali", "synthetic", "custom", "none"),
                "tensorflow").noEffect(pythonOnly);
        add("reader.data_loader_sampler", string(), null).noEffect(pythonOnly);
        add("reader.data_loader_classname", string(), null).unsupportedWhen(Objects::nonNull,
                "custom Python data loaders cannot run on the JVM; remove reader.data_loader_classname");
        add("reader.reader_classname", string(), null).unsupportedWhen(Objects::nonNull,
                "custom Python readers cannot run on the JVM; add a FormatProvider instead");
        add("reader.batch_size", integer(1), 1);
        add("reader.batch_size_eval", integer(1), 1);
        add("reader.read_threads", integer(0), 1);
        add("reader.prefetch_size", integer(0), 2);
        add("reader.computation_threads", integer(1), 1).noEffect(pythonOnly);
        add("reader.file_shuffle", enumeration(Shuffle.class), Shuffle.OFF);
        add("reader.sample_shuffle", enumeration(Shuffle.class), Shuffle.OFF);
        add("reader.shuffle_size", integer(1), 1024).noEffect("a tf.data shuffle buffer");
        // DLIO defaults to on_demand; memory is the efficient default here (README explains)
        add("reader.read_type", enumeration(ReadType.class), ReadType.MEMORY);
        add("reader.file_access", string(), "multi").noEffect("DLIO parses it but never uses it");
        add("reader.transfer_size", longInteger(0), 0L);
        add("reader.dont_use_mmap", bool(), false).noEffect("a DALI setting");
        add("reader.preprocess_time", time(), TimeDistribution.ZERO);
        add("reader.preprocess_time_stdev", number(0, false, Double.MAX_VALUE), null);
        add("reader.pin_memory", bool(), true).noEffect(pythonOnly);
        add("reader.multiprocessing_context", oneOf("fork", "spawn", "forkserver"), "fork").noEffect(pythonOnly);
        add("reader.odirect", bool(), false);
        add("reader.transformed_record_dims", integerList(1), List.of());
        add("reader.transformed_record_element_type", elementType(), ElementType.UINT8);
        // dlio-parquet's own keys
        add("reader.on_error", enumeration(OnError.class), OnError.FAIL);
        add("reader.columns", stringList(), List.of());
        add("reader.memory_budget_bytes", longInteger(0), 0L);
        add("reader.odirect_read_ahead", bool(), false);
        add("reader.skip_payload_crc", bool(), false);

        add("train.epochs", integer(1), 1);
        add("train.computation_time", time(), TimeDistribution.ZERO);
        add("train.computation_time_stdev", number(0, false, Double.MAX_VALUE), null);
        add("train.total_training_steps", longInteger(-1), -1L);
        add("train.seed", longInteger(Long.MIN_VALUE), 123L);
        add("train.seed_change_epoch", bool(), true);

        add("evaluation.eval_time", time(), TimeDistribution.ZERO);
        add("evaluation.eval_time_stdev", number(0, false, Double.MAX_VALUE), null);
        add("evaluation.eval_after_epoch", integer(0), 1);
        add("evaluation.epochs_between_evals", integer(0), 1); // 0 only with evaluation off (WorkloadValidator)

        add("checkpoint.checkpoint_folder", string(), "./checkpoints/");
        add("checkpoint.checkpoint_after_epoch", integer(0), 1);
        add("checkpoint.epochs_between_checkpoints", integer(1), 1);
        add("checkpoint.steps_between_checkpoints", longInteger(-1), -1L);
        add("checkpoint.type", oneOf("rank_zero", "all_ranks"), "rank_zero").noEffect("DLIO parses it but never uses it");
        add("checkpoint.mode", enumeration(CheckpointMode.class), CheckpointMode.DEFAULT);
        add("checkpoint.fsync", bool(), false);
        add("checkpoint.time_between_checkpoints", number(-1, false, Double.MAX_VALUE), -1.0);
        add("checkpoint.num_checkpoints_write", integer(-1), -1);
        add("checkpoint.num_checkpoints_read", integer(-1), -1);
        add("checkpoint.recovery_rank_shift", bool(), false);
        add("checkpoint.rank_sync", bool(), false);
        add("checkpoint.randomize_tensor", bool(), true);
        add("checkpoint.checkpoint_mechanism_classname", string(), null).unsupportedWhen(Objects::nonNull,
                "custom Python checkpoint classes cannot run on the JVM; remove checkpoint.checkpoint_mechanism_classname");
        add("checkpoint.ksm", mapping(), null).noEffect("KSM page merging saves DLIO the memory of states it "
                + "holds whole; dlio-parquet streams them and holds none");
        // dlio-parquet's own keys
        add("checkpoint.odirect", bool(), false);
        add("checkpoint.verify", bool(), false);
        add("checkpoint.model_size", any(), null).ignoredByDlio("DLIO ignores checkpoint.model_size (it reads model.model_size_bytes)");

        add("output.folder", string(), null);
        add("output.log_file", string(), "dlio.log");
        add("output.metric.exclude_start_steps", integer(0), 1);
        add("output.metric.exclude_end_steps", integer(0), 0);

        add("metric.au", number(0, false, 1), 0.90);

        add("profiling.profiler", oneOf("none", "iostat", "darshan", "tensorboard"), "iostat");
        add("profiling.iostat_devices", stringList(), List.of()).noEffect("iostat is not run by dlio-parquet");
        add("profiling.trace_level", oneOf("epoch", "step", "sample"), "sample");

        add("logging", mapping(), Map.of()).ignoredByDlio("DLIO's log level comes from DLIO_LOG_LEVEL; the logging section is ignored");
        add("hydra", mapping(), Map.of()).ignoredByDlio("Hydra settings do not apply (hydra.run.dir is read as output.folder)");
    }

    private WorkloadSchema() {
    }

    private static KeyDefHolder add(String path, ValueType type, Object defaultValue) {
        KeyDef def = KeyDef.supported(path, type, defaultValue);
        KEYS.put(path, def);
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            SECTIONS.add(path.substring(0, dot));
        }
        return new KeyDefHolder(path);
    }

    /** Lets the static table above read as one line per key. */
    private record KeyDefHolder(String path) {
        void noEffect(String why) {
            KEYS.put(path, KEYS.get(path).noEffect(why));
        }

        void ignoredByDlio(String why) {
            KEYS.put(path, KEYS.get(path).ignoredByDlio(why));
        }

        void unsupportedWhen(Predicate<Object> when, String message) {
            KEYS.put(path, KEYS.get(path).unsupportedWhen(when, message));
        }

        /** A dataset key that two otherwise equal workloads may differ in and still share their files. */
        void outsideFiles() {
            KEYS.put(path, KEYS.get(path).markedOutsideFiles());
        }
    }

    static Optional<KeyDef> find(String path) {
        return Optional.ofNullable(KEYS.get(path));
    }

    /** True when {@code path} is a key whose value goes into the generated files (see {@link KeyDef#decidesDatasetFiles}). */
    static boolean decidesDatasetFiles(String path) {
        KeyDef def = KEYS.get(path);
        return def != null && def.decidesDatasetFiles();
    }

    static Collection<KeyDef> keys() {
        return Collections.unmodifiableCollection(KEYS.values());
    }

    /** Every key path, for documentation and suggestions. */
    static List<String> keyPaths() {
        return new ArrayList<>(KEYS.keySet());
    }

    /** Every section path ({@code dataset}, {@code dataset.parquet}, ...). */
    static List<String> sectionPaths() {
        return new ArrayList<>(SECTIONS);
    }

    /** True when {@code path} is a section holding keys ({@code dataset}, {@code dataset.parquet}). */
    static boolean isSection(String path) {
        return SECTIONS.contains(path);
    }

    /** The free-form key {@code path} lies under ({@code storage.storage_options}), if any. */
    static Optional<String> openSectionOf(String path) {
        for (String open : OPEN_SECTIONS) {
            if (path.startsWith(open + ".")) {
                return Optional.of(open);
            }
        }
        return Optional.empty();
    }

    /** The duration-valued keys ({@code train.computation_time}, ...), in a fixed order. */
    static List<String> timeKeys() {
        return TIME_KEYS;
    }

    /** The distribution-valued key that {@code path} is a field of ({@code train.computation_time.mean}). */
    static Optional<KeyDef> timeKeyOf(String path) {
        int dot = path.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        KeyDef parent = KEYS.get(path.substring(0, dot));
        return parent != null && TIME_KEYS.contains(parent.path()) ? Optional.of(parent) : Optional.empty();
    }
}
