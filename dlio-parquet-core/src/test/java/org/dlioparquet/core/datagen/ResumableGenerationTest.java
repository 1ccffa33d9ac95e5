package org.dlioparquet.core.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.GenerationOptions;
import org.dlioparquet.core.GenerationResult;
import org.dlioparquet.core.config.ConfigException;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.dataset.ConfigFingerprint;
import org.dlioparquet.core.dataset.Crc32c;
import org.dlioparquet.core.dataset.DatasetManifest;
import org.dlioparquet.core.dataset.DatasetPlan;
import org.dlioparquet.core.dataset.ManifestJournal;
import org.dlioparquet.core.dataset.WorkloadDataset;
import org.dlioparquet.core.storage.ForwardingChannel;
import org.dlioparquet.core.storage.WriteStorage;
import org.dlioparquet.core.testing.ChildJvm;
import org.dlioparquet.core.testing.SlowGenerationMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Generation that survives being killed, a full disk, and being run twice. */
class ResumableGenerationTest {
    private static final String WORKLOAD = """
            model: {name: resume}
            dataset: {format: npz, data_folder: data, num_files_train: 20, num_files_eval: 4,
                      num_samples_per_file: 2, record_length_bytes: 16384}
            """;

    @TempDir
    Path dir;

    private Path yaml() throws IOException {
        Path y = dir.resolve("w.yaml");
        if (!Files.exists(y)) {
            Files.writeString(y, WORKLOAD);
        }
        return y;
    }

    private WorkloadConfig workload(Path base, String... overrides) throws IOException {
        return new WorkloadLoader().baseDirectory(base).load(yaml(), List.of(overrides));
    }

    /** Every data file (train/ and valid/, hidden temporaries included) by relative path, as a SHA-256. */
    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String split : List.of("train", "valid")) {
            if (!Files.isDirectory(root.resolve(split))) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root.resolve(split))) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    out.put(root.relativize(p).toString(), sha256(Files.readAllBytes(p)));
                }
            }
        }
        return out;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> reference() throws IOException {
        Path ref = dir.resolve("reference");
        Dlio.generate(workload(ref));
        return files(ref.resolve("data"));
    }

    @Test
    void aCompleteDatasetIsLeftAsItIs() throws IOException {
        Dlio.generate(workload(dir));
        Path file = dir.resolve("data/train/img_03_of_20.npz");
        FileTime before = Files.getLastModifiedTime(file);

        GenerationResult again = Dlio.generate(workload(dir));

        assertThat(again.nothingToDo()).isTrue();
        assertThat(again.alreadyComplete()).isEqualTo(24);
        assertThat(again.files()).isZero();
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(before);
        assertThat(DatasetManifest.manifestFile(dir.resolve("data"), 0, 1)).exists();
        assertThat(Files.readString(DatasetManifest.manifestFile(dir.resolve("data"), 0, 1)))
                .contains("\"complete\" : true").contains("\"name\" : \"valid/img_3_of_4.npz\"");
        assertThat(DatasetManifest.journalFile(dir.resolve("data"), 0, 1)).doesNotExist();
    }

    @Test
    void aPartialDatasetIsResumedToTheSameBytes() throws IOException {
        Map<String, String> expected = reference();
        Dlio.generate(workload(dir));
        Path root = dir.resolve("data");
        Files.delete(root.resolve("train/img_05_of_20.npz"));
        Files.delete(root.resolve("valid/img_1_of_4.npz"));
        byte[] b = Files.readAllBytes(root.resolve("train/img_11_of_20.npz"));
        Files.write(root.resolve("train/img_11_of_20.npz"), Arrays.copyOf(b, b.length - 100));
        Files.writeString(root.resolve("train/.img_07_of_20.npz.partial"), "left by a killed run");

        GenerationResult r = Dlio.generate(workload(dir));

        assertThat(r.files()).isEqualTo(3);
        assertThat(r.alreadyComplete()).isEqualTo(21);
        assertThat(files(root)).isEqualTo(expected);
    }

    @Test
    void aRankLeavesTheTemporaryFilesOfOtherRanksAlone() throws IOException {
        Path root = dir.resolve("data");
        Files.createDirectories(root.resolve("train"));
        Path mine = root.resolve("train/.img_04_of_20.npz.partial");
        Path theirs = root.resolve("train/.img_05_of_20.npz.partial");
        Files.writeString(mine, "rank 0 died here");
        Files.writeString(theirs, "rank 1 is writing this");

        Dlio.generate(workload(dir), GenerationOptions.defaults().withRank(0, 2));

        assertThat(mine).doesNotExist();
        assertThat(theirs).hasContent("rank 1 is writing this");
        assertThat(root.resolve("train/img_04_of_20.npz")).exists();
        assertThat(root.resolve("train/img_05_of_20.npz")).doesNotExist();
    }

    @Test
    void verifyFindsChangedBytesThatSizesMiss() throws IOException {
        Map<String, String> expected = reference();
        Dlio.generate(workload(dir));
        Path victim = dir.resolve("data/train/img_02_of_20.npz");
        byte[] b = Files.readAllBytes(victim);
        b[b.length / 2] ^= 0x55;
        Files.write(victim, b);

        assertThat(Dlio.generate(workload(dir)).nothingToDo()).isTrue();
        GenerationResult verified = Dlio.generate(workload(dir), GenerationOptions.defaults().withVerify(true));

        assertThat(verified.files()).isEqualTo(1);
        assertThat(files(dir.resolve("data"))).isEqualTo(expected);
    }

    @Test
    void aFolderHoldingAnotherWorkloadsDatasetIsRefusedUnlessOverwriting() throws IOException {
        Dlio.generate(workload(dir));
        WorkloadConfig other = workload(dir, "++workload.dataset.record_length_bytes=4096");

        assertThatThrownBy(() -> Dlio.generate(other))
                .isInstanceOf(ConfigException.class)
                .hasMessage("dataset.data_folder: " + dir.resolve("data") + " holds a dataset generated from a "
                        + "different workload (see dlio-parquet-manifest.json); choose another data_folder, or "
                        + "regenerate it with --overwrite");

        GenerationResult r = Dlio.generate(other, GenerationOptions.defaults().withOverwrite(true));
        assertThat(r.files()).isEqualTo(24);
        assertThat(Dlio.generate(other).nothingToDo()).isTrue();
    }

    /** Writes the first {@code files} files, then fails, as a generation stopped part-way does. */
    private static WriteStorage stopsAfter(int files) {
        AtomicLong created = new AtomicLong();
        return file -> {
            if (created.incrementAndGet() > files) {
                throw new IOException("stopped");
            }
            return WriteStorage.LOCAL.create(file);
        };
    }

    @Test
    void anInterruptedOverwriteLeavesNoRecordOfTheOldDatasetBehind() throws IOException {
        Map<String, String> expected = reference();
        WorkloadConfig a = workload(dir);
        WorkloadConfig b = workload(dir, "++workload.dataset.generation_seed=11");
        Dlio.generate(a);
        Path root = dir.resolve("data");

        assertThatThrownBy(() -> Dlio.generate(b, GenerationOptions.defaults().withOverwrite(true).withThreads(1)
                .withStorage(stopsAfter(3)))).isInstanceOf(IOException.class);
        assertThat(DatasetManifest.manifestFile(root, 0, 1)).as("A's manifest no longer describes the folder")
                .doesNotExist();
        assertThat(journalEntries(DatasetManifest.journalFile(root, 0, 1))).isEqualTo(3);
        assertThat(files(root).get("train/img_00_of_20.npz")).as("B's bytes").isNotEqualTo(
                expected.get("train/img_00_of_20.npz"));

        for (GenerationOptions o : List.of(GenerationOptions.defaults(), GenerationOptions.defaults().withVerify(true))) {
            assertThatThrownBy(() -> Dlio.generate(a, o))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("holds a dataset generated from a different workload (see "
                            + ".dlio-parquet-manifest.journal)");
        }
        GenerationResult r = Dlio.generate(a, GenerationOptions.defaults().withOverwrite(true).withVerify(true));

        assertThat(r.files()).isEqualTo(24);
        assertThat(files(root)).isEqualTo(expected);
        assertThat(Dlio.validate(a, true).problems()).isEmpty();
        assertThat(Dlio.generate(a, GenerationOptions.defaults().withVerify(true)).nothingToDo()).isTrue();
    }

    @Test
    void anInterruptedOverwriteResumesAsTheNewWorkload() throws IOException {
        WorkloadConfig b = workload(dir, "++workload.dataset.generation_seed=11");
        Dlio.generate(workload(dir));
        assertThatThrownBy(() -> Dlio.generate(b, GenerationOptions.defaults().withOverwrite(true).withThreads(1)
                .withStorage(stopsAfter(3)))).isInstanceOf(IOException.class);

        GenerationResult resumed = Dlio.generate(b);

        assertThat(resumed.alreadyComplete()).isEqualTo(3);
        assertThat(resumed.files()).isEqualTo(21);
    }

    @Test
    void journalLinesOfAnotherWorkloadNeverJoinTheManifest() throws IOException {
        WorkloadConfig a = workload(dir);
        Dlio.generate(a);
        Path root = dir.resolve("data");
        Path file0 = root.resolve("train/img_00_of_20.npz");
        // a journal an older build left: another workload's header, then its record of file 0
        try (ManifestJournal journal = new ManifestJournal(DatasetManifest.journalFile(root, 0, 1), "another")) {
            journal.append(0, "train/img_00_of_20.npz", Files.size(file0), 0x1234);
        }
        DatasetPlan plan = WorkloadDataset.of(a).plan();

        assertThatThrownBy(() -> DatasetManifest.load(root, 0, 1, plan, ConfigFingerprint.of(a)))
                .isInstanceOf(DatasetManifest.OtherWorkloadException.class)
                .hasMessage(DatasetManifest.journalFile(root, 0, 1) + ": describes a dataset of another workload "
                        + "(its config_hash differs)");
        DatasetManifest theirs = DatasetManifest.load(root, 0, 1, plan, "another");
        assertThat(theirs.crc32c(0)).isEqualTo(0x1234);
        assertThat(theirs.has(1)).as("A's entries are not theirs").isFalse();
    }

    @Test
    void aJournalOfTheSameWorkloadIsFoldedIntoTheManifestAndRemoved() throws IOException {
        WorkloadConfig a = workload(dir);
        Dlio.generate(a);
        Path root = dir.resolve("data");
        Path manifest = DatasetManifest.manifestFile(root, 0, 1);
        Path journal = DatasetManifest.journalFile(root, 0, 1);
        // killed after its last file, before its manifest: only the journal records the files
        Files.delete(manifest);
        DatasetPlan plan = WorkloadDataset.of(a).plan();
        try (ManifestJournal j = new ManifestJournal(journal, ConfigFingerprint.of(a))) {
            for (long i = 0; i < plan.totalFiles(); i++) {
                Path f = root.resolve(plan.spec(i).relativePath());
                j.append(i, plan.spec(i).relativePath(), Files.size(f), Crc32c.of(f));
            }
        }

        GenerationResult r = Dlio.generate(a, GenerationOptions.defaults().withVerify(true));

        assertThat(r.nothingToDo()).isTrue();
        assertThat(manifest).exists();
        assertThat(journal).doesNotExist();
        assertThat(DatasetManifest.load(root, 0, 1, plan, ConfigFingerprint.of(a)).has(23)).isTrue();
    }

    @Test
    void anUnreadableManifestIsAOneLineErrorUnlessOverwriting() throws IOException {
        Map<String, String> expected = reference();
        WorkloadConfig a = workload(dir);
        Dlio.generate(a);
        Path root = dir.resolve("data");
        Path manifest = DatasetManifest.manifestFile(root, 0, 1);
        byte[] m = Files.readAllBytes(manifest);
        Files.write(manifest, Arrays.copyOf(m, m.length / 2));

        assertThatThrownBy(() -> Dlio.generate(a))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith(manifest + ": unreadable manifest: ")
                .hasMessageEndingWith("; regenerate the folder with --overwrite")
                .message().doesNotContain("\n");
        assertThat(Dlio.validate(a, false).problems()).anyMatch(p -> p.startsWith(manifest + ": unreadable manifest"));

        GenerationResult r = Dlio.generate(a, GenerationOptions.defaults().withOverwrite(true));

        assertThat(r.files()).isEqualTo(24);
        assertThat(files(root)).isEqualTo(expected);
        assertThat(Dlio.generate(a).nothingToDo()).isTrue();
    }

    /** Fails every write once {@code limit} bytes have been written, as a full disk does. */
    private static WriteStorage fullAfter(long limit) {
        AtomicLong written = new AtomicLong();
        return file -> new ForwardingChannel(WriteStorage.LOCAL.create(file)) {
            @Override
            public int write(ByteBuffer src) throws IOException {
                if (written.addAndGet(src.remaining()) > limit) {
                    throw new IOException("No space left on device");
                }
                return super.write(src);
            }
        };
    }

    @Test
    void aFullDiskStopsCleanlyAndTheRunResumesOnceThereIsSpace() throws IOException {
        Map<String, String> expected = reference();
        WorkloadConfig c = workload(dir);

        assertThatThrownBy(() -> Dlio.generate(c, GenerationOptions.defaults().withThreads(1)
                .withStorage(fullAfter(10 * 33_000))))
                .isInstanceOf(IOException.class)
                .hasMessageMatching("(train|valid)/img_\\d+_of_\\d+\\.npz: No space left on device");
        Path root = dir.resolve("data");
        Map<String, String> partial = files(root);
        assertThat(partial.keySet()).noneMatch(n -> n.endsWith(".partial"));
        partial.forEach((name, hash) -> assertThat(hash).as(name + " looks complete").isEqualTo(expected.get(name)));
        assertThat(partial).hasSizeBetween(1, 23);
        assertThat(DatasetManifest.manifestFile(root, 0, 1)).doesNotExist();

        GenerationResult resumed = Dlio.generate(c);

        assertThat(resumed.alreadyComplete()).isEqualTo(partial.size());
        assertThat(files(root)).isEqualTo(expected);
    }

    @Test
    void aReadOnlyFolderIsAClearErrorAndLeavesNothingBehind() throws IOException {
        WorkloadConfig c = workload(dir);
        WriteStorage readOnly = file -> {
            throw new AccessDeniedException(file.toString(), null, "Read-only file system");
        };

        assertThatThrownBy(() -> Dlio.generate(c, GenerationOptions.defaults().withStorage(readOnly)))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("Read-only file system");
        assertThat(files(dir.resolve("data"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 9, 20})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aGenerationKilledAtAnyPointResumesToTheSameBytes(int killAfterFiles) throws Exception {
        Map<String, String> expected = reference();
        Path root = dir.resolve("data");
        Path journal = DatasetManifest.journalFile(root, 0, 1);
        Process child = ChildJvm.start(SlowGenerationMain.class, dir.resolve("child.log"), yaml().toString(),
                dir.toString(), "150");
        try {
            while (journalEntries(journal) < killAfterFiles) {
                assertThat(child.isAlive()).as("the child finished before it could be killed: "
                        + Files.readString(dir.resolve("child.log"))).isTrue();
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
        Map<String, String> left = files(root);
        left.forEach((name, hash) -> {
            if (!Path.of(name).getFileName().toString().startsWith(".")) {
                assertThat(hash).as(name + " looks complete").isEqualTo(expected.get(name));
            }
        });
        assertThat(DatasetManifest.manifestFile(root, 0, 1)).doesNotExist();

        GenerationResult resumed = Dlio.generate(workload(dir));

        assertThat(resumed.alreadyComplete()).isGreaterThanOrEqualTo(killAfterFiles).isLessThan(24);
        assertThat(files(root)).isEqualTo(expected);
        assertThat(Dlio.generate(workload(dir), GenerationOptions.defaults().withVerify(true)).nothingToDo()).isTrue();
    }

    private static long journalEntries(Path journal) throws IOException {
        if (!Files.exists(journal)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(journal)) {
            return lines.filter(l -> l.contains("\"index\"")).count();
        }
    }
}
