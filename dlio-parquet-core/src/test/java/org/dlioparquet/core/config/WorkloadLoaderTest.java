package org.dlioparquet.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.testing.RawBinFormatProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadLoaderTest {
    private final WorkloadLoader loader = new WorkloadLoader(FormatRegistry.of(List.of(new RawBinFormatProvider())));

    private WorkloadConfig load(String yaml, String... overrides) {
        return loader.load(yaml, "w.yaml", List.of(overrides));
    }

    private List<String> errors(String yaml, String... overrides) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(yaml, overrides));
        assertThat(e).as("expected a ConfigException").isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void anEmptyWorkloadGetsDliosDefaults() {
        WorkloadConfig c = load("dataset: {format: rawbin}");

        assertThat(c.framework()).isEqualTo("tensorflow");
        assertThat(c.model().name()).isEqualTo("default");
        assertThat(c.workflow()).isEqualTo(new WorkflowConfig(false, true, false, false, false));
        DatasetConfig d = c.dataset();
        assertThat(d.dataFolder()).isEqualTo("./data/");
        assertThat(d.numFilesTrain()).isEqualTo(8);
        assertThat(d.numFilesEval()).isZero();
        assertThat(d.numSamplesPerFile()).isEqualTo(1);
        assertThat(d.recordLengthBytes()).isEqualTo(65536.0);
        assertThat(d.recordElementType()).isEqualTo(ElementType.UINT8);
        assertThat(d.filePrefix()).isEqualTo("img");
        assertThat(d.compression()).isEqualTo(Compression.NONE);
        assertThat(d.parquet().rowGroupSize()).isEqualTo(1024);
        assertThat(d.generationSeed()).isEqualTo(10);
        ReaderConfig r = c.reader();
        assertThat(r.batchSize()).isEqualTo(1);
        assertThat(r.batchSizeEval()).isEqualTo(1);
        assertThat(r.readThreads()).isEqualTo(1);
        assertThat(r.prefetchSize()).isEqualTo(2);
        assertThat(r.fileShuffle()).isEqualTo(Shuffle.OFF);
        assertThat(r.sampleShuffle()).isEqualTo(Shuffle.OFF);
        assertThat(r.readType()).isEqualTo(ReadType.MEMORY);
        assertThat(c.train()).isEqualTo(new TrainConfig(1, TimeDistribution.ZERO, -1, 123, true));
        assertThat(c.evaluation()).isEqualTo(new EvaluationConfig(TimeDistribution.ZERO, 1, 1));
        assertThat(c.output()).isEqualTo(new OutputConfig(null, "dlio.log", 1, 0));
        assertThat(c.metric().au()).isEqualTo(0.90);
        assertThat(c.storage().storageType()).isEqualTo(StorageType.LOCAL_FS);
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void aDlioStyleWorkloadWithKeysDlioIgnoresLoadsWithWarnings() {
        WorkloadConfig c = load("""
                model:
                  name: unet3d
                  model_size: 499153191
                framework: pytorch
                workflow:
                  generate_data: False
                  train: True
                  checkpoint: False
                  debug: False
                dataset:
                  data_folder: data/unet3d/
                  format: rawbin
                  num_files_train: 168
                  num_samples_per_file: 1
                  record_length_bytes: 146600628
                  record_length_bytes_stdev: 68341808
                  record_length_bytes_resize: 2097152
                reader:
                  data_loader: pytorch
                  batch_size: 7
                  read_threads: 4
                  file_shuffle: seed
                  sample_shuffle: seed
                train:
                  epochs: 5
                  computation_time: 0.323
                checkpoint:
                  checkpoint_folder: checkpoints/unet3d
                  checkpoint_after_epoch: 5
                  epochs_between_checkpoints: 2
                  model_size: 499153191
                profiling:
                  profiler: none
                metric:
                  au: 0.90
                """);

        assertThat(c.model().name()).isEqualTo("unet3d");
        assertThat(c.dataset().numFilesTrain()).isEqualTo(168);
        assertThat(c.dataset().recordLengthBytesStdev()).isEqualTo(68341808.0);
        assertThat(c.reader().fileShuffle()).isEqualTo(Shuffle.SEED);
        assertThat(c.train().computationTime()).isEqualTo(TimeDistribution.constant(0.323));
        assertThat(c.warnings()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "model.model_size: DLIO ignores model.model_size (checkpoint size comes from model.model_size_bytes); ignored (w.yaml line 3)",
                "workflow.debug: DLIO ignores workflow.debug; ignored (w.yaml line 9)",
                "checkpoint.model_size: DLIO ignores checkpoint.model_size (it reads model.model_size_bytes); ignored (w.yaml line 31)");
    }

    @Test
    void overridesComeInEveryDlioSpelling() {
        WorkloadConfig c = load("dataset: {format: rawbin, num_files_train: 8}\nreader: {batch_size: 2}",
                "++workload.reader.batch_size=8",
                "workload.dataset.num_files_train=64",
                "train.epochs=3",
                "+workload.dataset.record_dims=[3,224,224]",
                "++workload.train.computation_time.mean=0.01",
                "++workload.train.computation_time.stdev=0.002",
                "++workload.workflow.generate_data=True",
                "++workload.reader.file_shuffle=random");

        assertThat(c.reader().batchSize()).isEqualTo(8);
        assertThat(c.dataset().numFilesTrain()).isEqualTo(64);
        assertThat(c.train().epochs()).isEqualTo(3);
        assertThat(c.dataset().recordDims()).containsExactly(3, 224, 224);
        assertThat(c.train().computationTime()).isEqualTo(TimeDistribution.normal(0.01, 0.002));
        assertThat(c.workflow().generateData()).isTrue();
        assertThat(c.reader().fileShuffle()).isEqualTo(Shuffle.RANDOM);
    }

    @Test
    void aDistributionFieldOverrideTurnsAPlainNumberIntoAMean() {
        WorkloadConfig c = load("dataset: {format: rawbin}\ntrain: {computation_time: 0.5}",
                "++workload.train.computation_time.stdev=0.1");

        assertThat(c.train().computationTime()).isEqualTo(TimeDistribution.normal(0.5, 0.1));
    }

    @Test
    void stdevKeysAddToTheMeanAsInDlio() {
        WorkloadConfig c = load("""
                dataset: {format: rawbin}
                train: {computation_time: 0.2, computation_time_stdev: 0.05}
                reader: {preprocess_time: 0.001, preprocess_time_stdev: 0.0005}
                """);

        assertThat(c.train().computationTime()).isEqualTo(TimeDistribution.normal(0.2, 0.05));
        assertThat(c.reader().preprocessTime()).isEqualTo(TimeDistribution.normal(0.001, 0.0005));
        assertThat(c.resolvedValues()).doesNotContainKey("train.computation_time_stdev");
    }

    @Test
    void everyTimeKeyDefaultsToZeroAndTakesAStdevAlone() {
        WorkloadConfig none = load("dataset: {format: rawbin}");
        WorkloadConfig stdevOnly = load("""
                dataset: {format: rawbin}
                evaluation: {eval_time_stdev: 0.1}
                reader: {preprocess_time_stdev: 0.2}
                """);

        assertThat(none.reader().preprocessTime()).isEqualTo(TimeDistribution.ZERO);
        assertThat(none.resolvedValues()).containsEntry("evaluation.eval_time", TimeDistribution.ZERO);
        assertThat(stdevOnly.evaluation().evalTime()).isEqualTo(TimeDistribution.normal(0, 0.1));
        assertThat(stdevOnly.reader().preprocessTime()).isEqualTo(TimeDistribution.normal(0, 0.2));
    }

    @Test
    void everyDistributionTypeParses() {
        assertThat(load("dataset: {format: rawbin}\ntrain: {computation_time: {type: uniform, min: 0.1, max: 0.3}}")
                .train().computationTime()).isEqualTo(TimeDistribution.uniform(0.1, 0.3));
        assertThat(load("dataset: {format: rawbin}\ntrain: {computation_time: {type: gamma, shape: 2, scale: 0.1}}")
                .train().computationTime()).isEqualTo(TimeDistribution.gamma(2, 0.1));
        assertThat(load("dataset: {format: rawbin}\ntrain: {computation_time: {type: exponential, scale: 0.2}}")
                .train().computationTime()).isEqualTo(TimeDistribution.exponential(0.2));
        assertThat(load("dataset: {format: rawbin}\ntrain: {computation_time: {type: poisson, lam: 2}}")
                .train().computationTime()).isEqualTo(TimeDistribution.poisson(2));
        assertThat(load("dataset: {format: rawbin}\ntrain: {computation_time: {type: normal, mean: 1, stdev: 0.5}}")
                .train().computationTime()).isEqualTo(TimeDistribution.normal(1, 0.5));
        assertThat(load("dataset: {format: rawbin}\ntrain: {computation_time: {mean: 2}}")
                .train().computationTime()).isEqualTo(TimeDistribution.constant(2));
    }

    @Test
    void badDistributionsNameTheKeyAndTheField() {
        assertThat(errors("dataset: {format: rawbin}\ntrain: {computation_time: {type: uniform, min: 3, max: 1}}"))
                .containsExactly("train.computation_time: uniform needs min <= max, got min 3.0 > max 1.0 (w.yaml line 2)");
        assertThat(errors("dataset: {format: rawbin}\ntrain: {computation_time: -1}"))
                .containsExactly("train.computation_time: must be a number of seconds >= 0, got -1 (w.yaml line 2)");
        assertThat(errors("dataset: {format: rawbin}\ntrain: {computation_time: {type: weibull}}"))
                .containsExactly("train.computation_time: unknown distribution type 'weibull' (known: normal, uniform, "
                        + "gamma, exponential, poisson) (w.yaml line 2)");
    }

    @Test
    void aResetOverrideRestoresTheDefault() {
        WorkloadConfig c = load("dataset: {format: rawbin}\nreader: {batch_size: 4}", "~workload.reader.batch_size");

        assertThat(c.reader().batchSize()).isEqualTo(1);
    }

    @Test
    void unknownKeysNameTheNearestKnownKeyAndTheLine() {
        assertThat(errors("""
                dataset:
                  format: rawbin
                  num_files_trian: 8
                  batch_size: 4
                """)).containsExactlyInAnyOrder(
                "dataset.num_files_trian: unknown key; did you mean dataset.num_files_train? (w.yaml line 3)",
                "dataset.batch_size: unknown key; did you mean reader.batch_size? (w.yaml line 4)");
        assertThat(errors("dataset: {format: rawbin}", "++workload.reader.batchsize=4"))
                .containsExactly("reader.batchsize: unknown key; did you mean reader.batch_size? "
                        + "(override ++workload.reader.batchsize=4)");
        assertThat(errors("datasett: {format: rawbin}")).containsExactly(
                "datasett: unknown key; did you mean dataset? (w.yaml line 1)",
                "dataset.format: not set (DLIO's default, tfrecord, is not supported); available: rawbin");
        assertThat(errors("dataset: {format: rawbin}\nzzz_unrelated_section: {}"))
                .containsExactly("zzz_unrelated_section: unknown key (w.yaml line 2)");
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsSource() {
        assertThat(errors("""
                dataset:
                  format: rawbin
                  num_files_train: -3
                  num_samples_per_file: 0
                reader:
                  batch_size: abc
                train:
                  epochs: 1.5
                """, "++workload.reader.read_threads=-1")).containsExactlyInAnyOrder(
                "dataset.num_files_train: expected an integer >= 0, got -3 (w.yaml line 3)",
                "dataset.num_samples_per_file: expected an integer >= 1, got 0 (w.yaml line 4)",
                "reader.batch_size: expected an integer >= 1, got 'abc' (w.yaml line 6)",
                "train.epochs: expected an integer >= 1, got 1.5 (w.yaml line 8)",
                "reader.read_threads: expected an integer >= 0, got -1 (override ++workload.reader.read_threads=-1)");
    }

    @Test
    void dlioFeaturesNotImplementedSaySo() {
        assertThat(errors("dataset: {format: tfrecord}")).containsExactly(
                "dataset.format: format 'tfrecord' is a DLIO format that dlio-parquet does not support yet; "
                        + "available: rawbin (w.yaml line 1)");
        assertThat(errors("dataset: {format: rawbin}\nstorage: {storage_type: aistore}")).containsExactly(
                "storage.storage_type: only local_fs and s3 storage are supported by dlio-parquet (a parallel file "
                        + "system is mounted: use local_fs) (w.yaml line 2)");
    }

    @Test
    void profilingWritesTracesAndSaysInOneLineThatDliosProfilerIsNotRun() {
        WorkloadConfig off = load("dataset: {format: rawbin}");
        assertThat(off.profiling()).isEqualTo(new ProfilingConfig(false, "iostat", TraceLevel.SAMPLE));

        WorkloadConfig darshan = load("dataset: {format: rawbin}\nworkflow: {profiling: True}\n"
                + "profiling: {profiler: darshan, trace_level: step}");
        assertThat(darshan.profiling()).isEqualTo(new ProfilingConfig(true, "darshan", TraceLevel.STEP));
        assertThat(darshan.warnings()).extracting(ConfigProblem::toString).containsExactly(
                "profiling.profiler: darshan is not emulated by dlio-parquet; workflow.profiling writes a DFTracer "
                        + "trace per rank (trace-<rank>-of-<size>.pfw.gz) instead (w.yaml line 3)");

        WorkloadConfig none = load("dataset: {format: rawbin}\nworkflow: {profiling: True}\nprofiling: {profiler: none}");
        assertThat(none.profiling().enabled()).isTrue();
        assertThat(none.warnings()).isEmpty();

        assertThat(errors("dataset: {format: rawbin}\nprofiling: {trace_level: everything}")).containsExactly(
                "profiling.trace_level: expected one of epoch, step, sample, got 'everything' (w.yaml line 2)");
    }

    @Test
    void formatNamesAreCaseInsensitiveAndUnknownOnesListWhatExists() {
        assertThat(load("dataset: {format: RAWBIN}").dataset().format()).isEqualTo(RawBinFormatProvider.RAWBIN);
        assertThat(errors("dataset: {format: parqet}"))
                .containsExactly("dataset.format: unknown format 'parqet'; available: rawbin (w.yaml line 1)");
        assertThat(errors("dataset: {num_files_train: 2}"))
                .containsExactly("dataset.format: not set (DLIO's default, tfrecord, is not supported); available: rawbin");
    }

    @Test
    void yamlOffIsShuffleOffNotABoolean() {
        WorkloadConfig c = load("dataset: {format: rawbin}\nreader: {file_shuffle: off, sample_shuffle: SEED}");

        assertThat(c.reader().fileShuffle()).isEqualTo(Shuffle.OFF);
        assertThat(c.reader().sampleShuffle()).isEqualTo(Shuffle.SEED);
        assertThat(errors("dataset: {format: rawbin}\nreader: {file_shuffle: on}")).containsExactly(
                "reader.file_shuffle: expected one of off, seed, random, got true (YAML reads unquoted on/yes/true "
                        + "as a boolean; quote the value) (w.yaml line 2)");
    }

    @Test
    void contradictorySettingsAreErrors() {
        assertThat(errors("dataset: {format: rawbin, record_dims: [8, 8], record_length_bytes_stdev: 10}"))
                .containsExactly("dataset.record_length_bytes_stdev: cannot be combined with dataset.record_dims [8, 8]: "
                        + "a fixed shape has no size jitter (w.yaml line 1)");
        assertThat(errors("dataset: {format: rawbin}\nworkflow: {evaluation: True}"))
                .containsExactly("dataset.num_files_eval: is 0 but workflow.evaluation is True; set num_files_eval or "
                        + "turn evaluation off");
        assertThat(errors("dataset: {format: rawbin, num_files_train: 2, num_samples_per_file: 4}\nreader: {batch_size: 16}"))
                .containsExactly("reader.batch_size: 16 is larger than the dataset's 8 training samples "
                        + "(num_files_train 2 x num_samples_per_file 4); no training step could run (w.yaml line 2)");
        assertThat(errors("dataset: {format: rawbin}\nmetric: {au: 90}"))
                .containsExactly("metric.au: expected a number >= 0 and <= 1, got 90 (w.yaml line 2)");
    }

    @Test
    void providersCheckTheirOwnSettings() {
        assertThat(errors("dataset: {format: rawbin, compression: gzip}"))
                .containsExactly("dataset.compression: rawbin supports none, got 'gzip' (w.yaml line 1)");
    }

    @Test
    void parquetColumnsAreTypedAndChecked() {
        WorkloadConfig c = load("""
                dataset:
                  format: rawbin
                  parquet:
                    row_group_size: 250
                    columns:
                      - {name: label, dtype: int8}
                      - {name: emb, dtype: float32, size: 4}
                      - {name: unused, dtype: int32, read: false}
                """);
        assertThat(c.dataset().parquet().columns()).containsExactly(
                new ColumnSpec("label", ColumnType.INT8, 1, true),
                new ColumnSpec("emb", ColumnType.FLOAT32, 4, true),
                new ColumnSpec("unused", ColumnType.INT32, 1, false));
        assertThat(errors("dataset: {format: rawbin, parquet: {columns: [{name: a, dtype: complex64}]}}"))
                .containsExactly("dataset.parquet.columns: column 'a': unknown dtype 'complex64'; supported: uint8, "
                        + "uint16, uint32, uint64, int8, int16, int32, int64, float16, float32, float64, bool, string, "
                        + "binary, list (w.yaml line 1)");
        assertThat(errors("dataset: {format: rawbin, parquet: {columns: [{name: a, dtype: int8}, {name: a, dtype: int8}]}}"))
                .containsExactly("dataset.parquet.columns: column 'a' is defined twice (w.yaml line 1)");
    }

    @Test
    void theForkSelectsColumnsThroughStorageOptions() {
        WorkloadConfig c = load("""
                dataset:
                  format: rawbin
                  parquet: {columns: [{name: a, dtype: int8}, {name: b, dtype: int8}]}
                storage:
                  storage_options: {columns: [b]}
                """);

        assertThat(c.reader().columns()).containsExactly("b");
        assertThat(errors("dataset: {format: rawbin, parquet: {columns: [{name: a, dtype: int8}]}}",
                "++workload.storage.storage_options.columns=[x]")).containsExactly(
                "storage.storage_options.columns: names columns that dataset.parquet.columns does not define: x "
                        + "(override ++workload.storage.storage_options.columns=[x])");
    }

    @Test
    void dataReaderIsAnAliasOfReaderAndHydraRunDirIsTheOutputFolder() {
        WorkloadConfig c = load("dataset: {format: rawbin}\ndata_reader: {batch_size: 4}",
                "hydra.run.dir=/tmp/out");

        assertThat(c.reader().batchSize()).isEqualTo(4);
        assertThat(c.output().folder()).isEqualTo("/tmp/out");
    }

    @Test
    void aWorkloadWrappedInWorkloadIsUnwrapped() {
        assertThat(load("workload:\n  dataset:\n    format: rawbin\n    num_files_train: 3").dataset().numFilesTrain())
                .isEqualTo(3);
    }

    @Test
    void invalidYamlIsOneLineWithThePosition() {
        assertThat(errors("dataset:\n  format: rawbin\n   num_files_train: 3")).hasSize(1).first().asString()
                .startsWith("w.yaml: not valid YAML: ").contains("line 3").doesNotContain("\n");
        assertThat(errors("dataset: {format: rawbin}\ndataset: {format: rawbin}")).hasSize(1).first().asString()
                .contains("duplicate key dataset");
        assertThat(errors("- a\n- b")).containsExactly(
                "w.yaml: a workload must be a YAML mapping of sections (dataset:, reader:, ...)");
    }

    @Test
    void aMissingFileIsAConfigError(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml"), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("nope.yaml") + ": workload file not found");
    }

    @Test
    void theResolvedYamlLoadsBackToTheSameWorkload(@TempDir Path dir) throws Exception {
        WorkloadConfig c = load("""
                model: {name: rt}
                dataset:
                  format: rawbin
                  record_dims: [4, 4]
                  parquet: {columns: [{name: a, dtype: float16, size: 2}]}
                reader: {file_shuffle: seed, batch_size: 2}
                train: {computation_time: {type: uniform, min: 0.1, max: 0.2}}
                """);
        Path written = dir.resolve("config.yaml");
        Files.writeString(written, c.toYaml());

        WorkloadConfig again = loader.load(written, List.of());

        assertThat(again.resolvedValues()).isEqualTo(c.resolvedValues());
        assertThat(again.dataset()).isEqualTo(c.dataset());
        assertThat(again.reader()).isEqualTo(c.reader());
    }

    @Test
    void relativeFoldersResolveAgainstStorageRootAndTheBaseDirectory(@TempDir Path dir) {
        WorkloadConfig c = loader.baseDirectory(dir).load(
                "dataset: {format: rawbin, data_folder: data/x/}\nstorage: {storage_root: runs}", "w.yaml", List.of());

        assertThat(c.dataFolderPath()).isEqualTo(dir.resolve("runs/data/x"));
        WorkloadConfig abs = loader.load("dataset: {format: rawbin, data_folder: /abs/d}", "w.yaml", List.of());
        assertThat(abs.dataFolderPath()).isEqualTo(Path.of("/abs/d"));
    }
}
