package org.dlioparquet.core.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.GenerationOptions;
import org.dlioparquet.core.GenerationResult;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.RunResult;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.dataset.Bookkeeping;
import org.dlioparquet.core.storage.WriteStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A dataset written by several processes ({@code --rank r --ranks P}) is one dataset for everything that reads it. */
class MultiRankDatasetTest {
    private static final String WORKLOAD = """
            model: {name: ranks}
            workflow: {generate_data: True, train: True}
            dataset: {format: npz, data_folder: data, num_files_train: 10, num_files_eval: 2,
                      num_samples_per_file: 2, record_length_bytes: 4096}
            reader: {batch_size: 2}
            """;

    @TempDir
    Path dir;

    private WorkloadConfig workload() {
        return new WorkloadLoader().baseDirectory(dir).load(WORKLOAD, "w.yaml", List.of());
    }

    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !root.relativize(p).toString().startsWith("dlio")
                    && !p.getFileName().toString().startsWith(".")).toList()) {
                out.put(root.relativize(p).toString(), sha256(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> reference() throws IOException {
        Path ref = dir.resolve("ref");
        Dlio.generate(new WorkloadLoader().baseDirectory(ref).load(WORKLOAD, "w.yaml", List.of()));
        return files(ref.resolve("data"));
    }

    @Test
    void aDatasetOfThreeRanksIsCompleteForAPlainDatagenARunAndValidate() throws IOException {
        for (int r = 0; r < 3; r++) {
            Dlio.generate(workload(), GenerationOptions.defaults().withRank(r, 3));
        }
        Path root = dir.resolve("data");
        Path file = root.resolve("train/img_04_of_10.npz");
        FileTime written = Files.getLastModifiedTime(file);

        GenerationResult plain = Dlio.generate(workload());

        assertThat(plain.nothingToDo()).isTrue();
        assertThat(plain.alreadyComplete()).isEqualTo(12);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);
        assertThat(Bookkeeping.manifestFile(root, 0, 1)).as("the ranks' manifests say it all").doesNotExist();
        RunResult run = Dlio.run(workload(), RunOptions.defaults().withOutputFolder(dir.resolve("out")));
        assertThat(run.generation().nothingToDo()).isTrue();
        assertThat(run.summary().epochs()).hasSize(1);
        assertThat(Dlio.validate(workload(), true).problems()).isEmpty();

        // validate compares with the ranks' records: a changed byte is found by its CRC32C
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 1;
        Files.write(file, b);
        assertThat(Dlio.validate(workload(), true).problems()).singleElement().asString()
                .startsWith(file + ": CRC32C ");
    }

    @Test
    void aGenerationWithAnotherRankCountKeepsTheFilesRanksFinished() throws IOException {
        Map<String, String> expected = reference();
        Dlio.generate(workload(), GenerationOptions.defaults().withRank(0, 3));
        AtomicLong created = new AtomicLong();
        WriteStorage stopsAfterTwo = file -> {
            if (created.incrementAndGet() > 2) {
                throw new IOException("stopped");
            }
            return WriteStorage.LOCAL.create(file);
        };
        try {
            Dlio.generate(workload(), GenerationOptions.defaults().withRank(1, 3).withThreads(1)
                    .withStorage(stopsAfterTwo));
        } catch (IOException expectedStop) {
            // rank 1 of 3 was stopped after two of its four files
        }

        GenerationResult two = Dlio.generate(workload(), GenerationOptions.defaults().withRank(1, 2));
        GenerationResult one = Dlio.generate(workload());

        // rank 0 of 3 wrote 0, 3, 6, 9; rank 1 of 3 wrote 1 and 4 of 1, 4, 7, 10
        assertThat(two.alreadyComplete()).as("rank 1 of 2's 1, 3, 5, 7, 9, 11: 1, 3 and 9 were there").isEqualTo(3);
        assertThat(two.files()).isEqualTo(3);
        assertThat(one.alreadyComplete()).isEqualTo(9);
        assertThat(one.files()).as("2, 8 and 10").isEqualTo(3);
        assertThat(files(dir.resolve("data"))).isEqualTo(expected);
        assertThat(Dlio.validate(workload(), true).problems()).isEmpty();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void concurrentGenerationsOfOneToThreeRanksNeverBreakEachOther() throws Exception {
        Map<String, String> expected = reference();
        CountDownLatch start = new CountDownLatch(1);
        WriteStorage slow = file -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return WriteStorage.LOCAL.create(file);
        };
        List<Throwable> failures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int ranks = 1; ranks <= 3; ranks++) {
            GenerationOptions o = GenerationOptions.defaults().withRank(0, ranks).withThreads(1).withStorage(slow);
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    Dlio.generate(workload(), o);
                } catch (Throwable t) {
                    synchronized (failures) {
                        failures.add(t);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }

        assertThat(failures).as("at least one generation ran").hasSizeLessThan(3)
                .allSatisfy(f -> assertThat(f).isInstanceOf(GenerationLock.GenerationLockedException.class)
                        .hasMessageContaining("another rank count"));
        Dlio.generate(workload());
        assertThat(files(dir.resolve("data"))).isEqualTo(expected);
        assertThat(Dlio.validate(workload(), true).problems()).isEmpty();
    }
}
