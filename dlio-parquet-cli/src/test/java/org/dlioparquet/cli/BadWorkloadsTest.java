package org.dlioparquet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dlioparquet.cli.CliTestSupport.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dlioparquet.cli.CliTestSupport.Result;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed workloads: each is refused with exit 2 and exactly the expected one-line messages,
 * before anything is written (the workload generates data, so anything let through would write).
 */
class BadWorkloadsTest {
    private static final String FORMATS = "csv, hdf5, indexed_binary, jpeg, mmap_indexed_binary, npy, npz, parquet, "
            + "png, tfrecord";
    private static final String BASE = """
            model: {name: bad}
            workflow: {generate_data: True, train: True}
            dataset: {format: npz, data_folder: data, num_files_train: 4, num_samples_per_file: 2, record_length_bytes: 4096}
            reader: {batch_size: 2}
            """;

    @TempDir
    Path dir;

    /** {@code yaml} replaces the base workload when not null; each override is {@code key=value}. */
    private static Arguments bad(String yaml, String[] overrides, String... expected) {
        return Arguments.of(yaml, List.of(overrides), List.of(expected));
    }

    private static Arguments override(String o, String expected) {
        return bad(null, new String[] {o}, "dlio-parquet: " + expected + " (override " + o + ")");
    }

    static Stream<Arguments> workloads() {
        String npz = "npz supports none, zip, gzip (zip and gzip deflate the members); got 'snappy'";
        return Stream.of(
                override("dataset.num_files_train=-1", "dataset.num_files_train: expected an integer >= 0, got -1"),
                override("dataset.num_samples_per_file=0", "dataset.num_samples_per_file: expected an integer >= 1, got 0"),
                override("dataset.record_length_bytes=0", "dataset.record_length_bytes: expected a number > 0, got 0"),
                override("dataset.record_length_bytes=-5", "dataset.record_length_bytes: expected a number > 0, got -5"),
                override("dataset.record_length_bytes=abc", "dataset.record_length_bytes: expected a number, got 'abc'"),
                override("dataset.format=hdf5_opt", "dataset.format: format 'hdf5_opt' is a DLIO format that dlio-parquet "
                        + "does not support yet; available: " + FORMATS),
                override("dataset.format=parqet", "dataset.format: unknown format 'parqet'; available: " + FORMATS),
                override("dataset.num_files_trian=3", "dataset.num_files_trian: unknown key; did you mean "
                        + "dataset.num_files_train?"),
                override("reader.batch_sise=2", "reader.batch_sise: unknown key; did you mean reader.batch_size?"),
                override("reader.batch_size=0", "reader.batch_size: expected an integer >= 1, got 0"),
                override("reader.batch_size=100", "reader.batch_size: 100 is larger than the dataset's 8 training samples "
                        + "(num_files_train 4 x num_samples_per_file 2); no training step could run"),
                override("reader.read_threads=-2", "reader.read_threads: expected an integer >= 0, got -2"),
                override("reader.prefetch_size=-1", "reader.prefetch_size: expected an integer >= 0, got -1"),
                override("reader.file_shuffle=sometimes", "reader.file_shuffle: expected one of off, seed, random, got "
                        + "'sometimes'"),
                override("reader.read_type=mmap", "reader.read_type: expected one of on_demand, memory, got 'mmap'"),
                override("reader.on_error=retry", "reader.on_error: expected one of fail, skip, got 'retry'"),
                override("reader.batch_size_eval=0", "reader.batch_size_eval: expected an integer >= 1, got 0"),
                override("train.epochs=0", "train.epochs: expected an integer >= 1, got 0"),
                override("train.epochs=2.5", "train.epochs: expected an integer >= 1, got 2.5"),
                override("train.seed=abc", "train.seed: expected an integer, got 'abc'"),
                override("train.computation_time=-0.1", "train.computation_time: must be a number of seconds >= 0, got -0.1"),
                override("train.computation_time={type: uniform, min: 2, max: 1}",
                        "train.computation_time: uniform needs min <= max, got min 2.0 > max 1.0"),
                override("train.total_training_steps=0", "train.total_training_steps: must be -1 (no cap) or at least 1, "
                        + "got 0"),
                bad(null, new String[] {"workflow.evaluation=True"}, "dlio-parquet: dataset.num_files_eval: is 0 but "
                        + "workflow.evaluation is True; set num_files_eval or turn evaluation off"),
                override("evaluation.epochs_between_evals=0", "evaluation.epochs_between_evals: expected an integer >= 1, "
                        + "got 0"),
                bad(null, new String[] {"model.num_layers=8", "model.parallelism.pipeline=2",
                        "model.parallelism.zero_stage=3"}, "dlio-parquet: model.parallelism.zero_stage: ZeRO stage 3 "
                        + "cannot be combined with pipeline parallelism (model.parallelism.pipeline 2) (override "
                        + "model.parallelism.zero_stage=3)"),
                bad(null, new String[] {"checkpoint.num_checkpoints_write=2", "checkpoint.num_checkpoints_read=3"},
                        "dlio-parquet: checkpoint.num_checkpoints_read: 3 is more than the 2 checkpoints written "
                                + "(num_checkpoints_write); loads read the first checkpoints written (override "
                                + "checkpoint.num_checkpoints_read=3)"),
                override("model.optimizer_datatype=fp8", "model.optimizer_datatype: expected one of int8, uint8, fp16, "
                        + "bf16, fp32, fp64, got 'fp8'"),
                override("workflow.generate_data=maybe", "workflow.generate_data: expected true or false, got 'maybe'"),
                override("metric.au=1.5", "metric.au: expected a number >= 0 and <= 1, got 1.5"),
                bad(null, new String[] {"dataset.record_dims=[8,8]", "dataset.record_length_bytes_stdev=100"},
                        "dlio-parquet: dataset.record_length_bytes_stdev: cannot be combined with dataset.record_dims "
                                + "[8, 8]: a fixed shape has no size jitter (override dataset.record_length_bytes_stdev=100)"),
                override("dataset.record_dims=[8,-1]", "dataset.record_dims: every element must be an integer >= 1, got "
                        + "[8, -1]"),
                override("dataset.compression=snappy", "dataset.compression: " + npz),
                bad(null, new String[] {"dataset.compression=zip", "dataset.compression_level=12"},
                        "dlio-parquet: dataset.compression_level: deflate levels are 0..9; got 12 (override "
                                + "dataset.compression_level=12)"),
                override("dataset.record_element_type=complex64", "dataset.record_element_type: unknown element type "
                        + "'complex64'; supported: bool, int8, uint8, int16, uint16, int32, uint32, int64, uint64, "
                        + "float16, float32, float64"),
                override("dataset.file_prefix=a/b", "dataset.file_prefix: must be a non-empty file name without '/', got "
                        + "'a/b'"),
                override("dataset.num_files_eval=-3", "dataset.num_files_eval: expected an integer >= 0, got -3"),
                override("dataset.parquet.row_group_size=0", "dataset.parquet.row_group_size: expected an integer >= 1, "
                        + "got 0"),
                override("dataset.parquet.partition_by=[a]", "dataset.parquet.partition_by: partitioned Parquet datasets "
                        + "are not supported by dlio-parquet yet"),
                override("storage.storage_type=aistore", "storage.storage_type: only local_fs and s3 storage are "
                        + "supported by dlio-parquet (a parallel file system is mounted: use local_fs)"),
                override("output.metric.exclude_start_steps=-1", "output.metric.exclude_start_steps: expected an "
                        + "integer >= 0, got -1"),
                bad(null, new String[] {"dataset.format=parquet", "dataset.parquet.columns=[{name: a, dtype: int7}]"},
                        "dlio-parquet: dataset.parquet.columns: column 'a': unknown dtype 'int7'; supported: uint8, "
                                + "uint16, uint32, uint64, int8, int16, int32, int64, float16, float32, float64, bool, "
                                + "string, binary, list (override dataset.parquet.columns=[{name: a, dtype: int7}])"),
                bad("reader:\n  batch_size: 2\n   read_threads: 1\n", new String[0],
                        "dlio-parquet: bad.yaml: not valid YAML: mapping values are not allowed here at line 3, column 16"),
                bad("dataset: 5\n", new String[0],
                        "dlio-parquet: dataset: is a section; expected a mapping of its keys, got 5 (bad.yaml line 1)"),
                bad("dataset: {format: npz, data_folder: data}\ndataset: {format: csv}\n", new String[0],
                        "dlio-parquet: bad.yaml: not valid YAML: found duplicate key dataset at line 2, column 1"),
                bad(BASE + "train: {epochs: 0, computation_time: fast}\n", new String[] {"reader.read_threads=x"},
                        "dlio-parquet: train.epochs: expected an integer >= 1, got 0 (bad.yaml line 5)",
                        "dlio-parquet: train.computation_time: must be a number of seconds, got 'fast' (bad.yaml line 5)",
                        "dlio-parquet: reader.read_threads: expected an integer >= 0, got 'x' (override reader.read_threads=x)"));
    }

    @ParameterizedTest
    @MethodSource("workloads")
    void isRefusedWithExactlyItsMessagesAndNothingIsWritten(String yaml, List<String> overrides, List<String> expected)
            throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, (yaml == null ? BASE : yaml).replace("data_folder: data", "data_folder: " + dir.resolve("data")));
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "-o", dir.resolve("out").toString()));
        args.addAll(overrides);

        Result r = run(args.toArray(String[]::new));

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines().toList()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(r.out()).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("bad.yaml");
        }
    }
}
