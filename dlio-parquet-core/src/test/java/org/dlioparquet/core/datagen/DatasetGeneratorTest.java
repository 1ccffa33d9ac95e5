package org.dlioparquet.core.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.GenerationListener;
import org.dlioparquet.core.GenerationOptions;
import org.dlioparquet.core.GenerationResult;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.dataset.ConfigFingerprint;
import org.dlioparquet.core.dataset.Crc32c;
import org.dlioparquet.core.dataset.DatasetManifest;
import org.dlioparquet.core.dataset.DatasetPlan;
import org.dlioparquet.core.dataset.DatasetRecords;
import org.dlioparquet.core.dataset.WorkloadDataset;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SeededContent;
import org.dlioparquet.core.testing.RawBinFormatProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Generation through a provider that only the test class path knows. */
class DatasetGeneratorTest {
    private static final FormatRegistry REGISTRY = FormatRegistry.load(DatasetGeneratorTest.class.getClassLoader());

    private static WorkloadConfig workload(Path dir, String... extra) {
        WorkloadConfig.Builder b = WorkloadConfig.builder().registry(REGISTRY).baseDirectory(dir)
                .format(RawBinFormatProvider.RAWBIN)
                .numFilesTrain(6).numFilesEval(2).numSamplesPerFile(3).recordLengthBytes(1000)
                .set("dataset.num_subfolders_train", 2);
        for (int i = 0; i < extra.length; i += 2) {
            b.set(extra[i], extra[i + 1]);
        }
        return b.build();
    }

    /** The data files (train/ and valid/), by relative path. */
    private static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Stream.concat(Files.walk(root.resolve("train")), Files.walk(root.resolve("valid")))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    @Test
    void writesDliosLayoutThroughTheProvider(@TempDir Path dir) throws IOException {
        GenerationResult r = Dlio.generate(workload(dir));

        Path root = dir.resolve("data");
        assertThat(contents(root).keySet()).containsExactly(
                "train/0/img_0_of_6.rawbin", "train/0/img_2_of_6.rawbin", "train/0/img_4_of_6.rawbin",
                "train/1/img_1_of_6.rawbin", "train/1/img_3_of_6.rawbin", "train/1/img_5_of_6.rawbin",
                "valid/img_0_of_2.rawbin", "valid/img_1_of_2.rawbin");
        // 31 x 31 uint8 samples (floor(sqrt(1000)) = 31), 3 per file, 12-byte header
        long fileSize = 12 + 3 * 31 * 31;
        assertThat(Files.size(root.resolve("valid/img_1_of_2.rawbin"))).isEqualTo(fileSize);
        assertThat(r.files()).isEqualTo(8);
        assertThat(r.bytes()).isEqualTo(8 * fileSize);
    }

    @Test
    void writtenSamplesReadBackAsTheSeededContent(@TempDir Path dir) throws IOException {
        WorkloadConfig c = workload(dir);
        Dlio.generate(c);
        DatasetPlan plan = new DatasetPlan(c.dataset(), "rawbin");
        FileSpec spec = plan.spec(4);

        try (SampleFile f = REGISTRY.provider(RawBinFormatProvider.RAWBIN).newReader(ReaderSettings.defaults())
                .open(c.dataFolderPath().resolve(spec.relativePath()))) {
            assertThat(f.sampleCount()).isEqualTo(3);
            List<byte[]> samples = new ArrayList<>();
            f.read(0, 3, (sample, column, piece) -> {
                byte[] b = new byte[piece.remaining()];
                piece.get(b);
                samples.add(b);
            });
            for (int k = 0; k < 3; k++) {
                byte[] expected = new byte[31 * 31];
                new SeededContent(spec.sampleSeed(k)).fill(expected, 0, expected.length, ElementType.UINT8);
                assertThat(samples.get(k)).isEqualTo(expected);
            }
        }
    }

    @Test
    void theThreadCountNeverChangesAByte(@TempDir Path dir) throws IOException {
        Dlio.generate(workload(dir.resolve("a")), GenerationOptions.defaults().withThreads(1));
        Dlio.generate(workload(dir.resolve("b")), GenerationOptions.defaults().withThreads(3));

        assertThat(contents(dir.resolve("b/data"))).usingRecursiveComparison()
                .isEqualTo(contents(dir.resolve("a/data")));
    }

    @Test
    void anotherSeedGivesOtherBytes(@TempDir Path dir) throws IOException {
        Dlio.generate(workload(dir.resolve("a")));
        Dlio.generate(workload(dir.resolve("b"), "dataset.generation_seed", "11"));

        byte[] a = Files.readAllBytes(dir.resolve("a/data/valid/img_0_of_2.rawbin"));
        byte[] b = Files.readAllBytes(dir.resolve("b/data/valid/img_0_of_2.rawbin"));
        assertThat(b).hasSameSizeAs(a).isNotEqualTo(a);
    }

    @Test
    void ranksWriteInterleavedSharesThatTogetherEqualOneRun(@TempDir Path dir) throws IOException {
        Path shared = dir.resolve("shared");
        ConcurrentLinkedQueue<Long> rank0 = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> rank1 = new ConcurrentLinkedQueue<>();
        GenerationResult r0 = Dlio.generate(workload(shared), GenerationOptions.defaults().withRank(0, 3)
                .withListener(listener(rank0)));
        GenerationResult r1 = Dlio.generate(workload(shared), GenerationOptions.defaults().withRank(1, 3)
                .withListener(listener(rank1)));
        assertThat(rank0).containsExactlyInAnyOrder(0L, 3L, 6L);
        assertThat(rank1).containsExactlyInAnyOrder(1L, 4L, 7L);
        assertThat(r0.files() + r1.files()).isEqualTo(6);
        Dlio.generate(workload(shared), GenerationOptions.defaults().withRank(2, 3));

        Dlio.generate(workload(dir.resolve("single")));
        assertThat(contents(shared.resolve("data"))).usingRecursiveComparison()
                .isEqualTo(contents(dir.resolve("single/data")));
    }

    @Test
    void threadsShareTheMissingFilesEachWrittenOnce(@TempDir Path dir) throws IOException {
        Dlio.generate(workload(dir));
        Path root = dir.resolve("data");
        Files.delete(root.resolve("train/1/img_1_of_6.rawbin"));
        Files.delete(root.resolve("train/0/img_4_of_6.rawbin"));
        Files.delete(root.resolve("valid/img_1_of_2.rawbin"));
        ConcurrentLinkedQueue<Long> written = new ConcurrentLinkedQueue<>();

        Dlio.generate(workload(dir), GenerationOptions.defaults().withThreads(4).withListener(listener(written)));

        assertThat(written).containsExactlyInAnyOrder(1L, 4L, 7L);
    }

    @Test
    void theManifestHoldsTheCrcOfParquetFilesWhosePagesTwoThreadsWrote(@TempDir Path dir) throws IOException {
        // 9 pages of 1 MiB in a row group: the generating thread writes 5, its helper 4, at their places
        WorkloadConfig c = new WorkloadLoader().baseDirectory(dir).load("dataset: {format: parquet, data_folder: data, "
                + "num_files_train: 2, num_samples_per_file: 9, record_length_bytes: 1048576}", "w.yaml", List.of());
        Map<String, Integer> pagesByThread = new ConcurrentHashMap<>();
        Dlio.generate(c, GenerationOptions.defaults().withThreads(1).withListener(new GenerationListener() {
            @Override
            public void bytesWritten(long n) {
                if (n >= 1 << 20) {
                    String who = Thread.currentThread().getName().equals("parquet-page-writer") ? "helper" : "generator";
                    pagesByThread.merge(who, 1, Integer::sum);
                }
            }
        }));

        // through the generator's own channel layers: page by page, the generator would write only each chunk's last
        assertThat(pagesByThread).as("pages written per thread, 2 files").containsOnly(
                Map.entry("generator", 10), Map.entry("helper", 8));
        Path root = dir.resolve("data");
        DatasetPlan plan = WorkloadDataset.of(c).plan();
        DatasetManifest manifest = DatasetRecords.load(root, plan, ConfigFingerprint.of(c)).manifest();
        for (long i = 0; i < plan.totalFiles(); i++) {
            Path file = root.resolve(plan.spec(i).relativePath());
            assertThat(manifest.crc32c(i)).as("file %s", file).isEqualTo(Crc32c.of(file));
        }
        assertThat(Dlio.validate(c, true).problems()).isEmpty();
    }

    /** Parquet: pages written by two threads at once, at their places in the file. */
    @ParameterizedTest
    @ValueSource(strings = {"npy", "parquet"})
    void progressSeesBytesWhileAFileIsWrittenAndExpectsThePayload(String format, @TempDir Path dir) throws IOException {
        WorkloadConfig c = new WorkloadLoader().baseDirectory(dir).load("dataset: {format: " + format + ", data_folder: data, "
                + "num_files_train: 2, num_samples_per_file: 4, record_length_bytes: 1048576}", "w.yaml", List.of());
        AtomicLong expected = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        List<Long> beforeEachFile = new ArrayList<>();

        Dlio.generate(c, GenerationOptions.defaults().withThreads(1).withListener(new GenerationListener() {
            @Override
            public void started(long files, long payload) {
                expected.set(payload);
            }

            @Override
            public void bytesWritten(long n) {
                bytes.addAndGet(n);
            }

            @Override
            public void fileWritten(FileSpec file, long size) {
                beforeEachFile.add(bytes.get());
            }
        }));

        assertThat(expected.get()).as("2 files x 4 samples x 1024 x 1024 bytes").isEqualTo(8L << 20);
        long size = Files.size(dir.resolve("data/train/img_0_of_2." + format));
        assertThat(beforeEachFile).as("every byte of a file was reported before the file was complete")
                .containsExactly(size, 2 * size);
    }

    private static GenerationListener listener(ConcurrentLinkedQueue<Long> seen) {
        return new GenerationListener() {
            @Override
            public void fileWritten(FileSpec file, long bytes) {
                seen.add(file.globalIndex());
            }
        };
    }

    @Test
    void aFailingWriterLeavesNoFileThatLooksComplete(@TempDir Path dir) throws IOException {
        WorkloadConfig c = workload(dir);
        FormatRegistry failing = FormatRegistry.of(List.of(new RawBinFormatProvider() {
            @Override
            public FileGenerator newGenerator(DatasetConfig ds) {
                FileGenerator real = super.newGenerator(ds);
                return (spec, out) -> {
                    if (spec.globalIndex() == 5) {
                        out.write(ByteBuffer.wrap(new byte[100]));
                        throw new IOException("No space left on device");
                    }
                    real.write(spec, out);
                };
            }
        }));
        WorkloadConfig failingConfig = c.toBuilder().registry(failing).build();

        assertThatThrownBy(() -> Dlio.generate(failingConfig, GenerationOptions.defaults().withThreads(1)))
                .isInstanceOf(IOException.class)
                .hasMessage(dir.resolve("data/train/1/img_5_of_6.rawbin") + ": No space left on device");
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            List<String> names = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            assertThat(names).doesNotContain("img_5_of_6.rawbin").noneMatch(n -> n.endsWith(".partial"));
        }
    }

    @Test
    void anUnwritableDataFolderIsReportedBeforeAnythingIsWritten(@TempDir Path dir) throws IOException {
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "x");
        WorkloadConfig c = workload(dir, "dataset.data_folder", "not-a-folder/data");

        assertThatThrownBy(() -> Dlio.generate(c))
                .isInstanceOf(FileSystemException.class)
                .hasMessageStartingWith(dir.resolve("not-a-folder/data") + ": dataset.data_folder is not writable (")
                .message().doesNotContain("\n");
    }
}
