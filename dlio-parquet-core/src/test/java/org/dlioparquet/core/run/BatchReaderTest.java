package org.dlioparquet.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.config.OnError;
import org.dlioparquet.core.config.ReadType;
import org.dlioparquet.core.config.Shuffle;
import org.dlioparquet.core.config.TimeDistribution;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.SampleSink;
import org.junit.jupiter.api.Test;

class BatchReaderTest {
    private final AtomicInteger pathsBuilt = new AtomicInteger();
    private final AtomicInteger preprocessDraws = new AtomicInteger();

    /** Files {@code f0, f1, ...} of {@code perFile} samples; {@code f1} is corrupt. */
    private BatchReader reader(int perFile, ReadType readType, OnError onError) {
        FormatReader formatReader = path -> {
            if (path.toString().equals("f1")) {
                throw new DataFileException(path, "corrupt");
            }
            return new EmptyFile(path, perFile);
        };
        // a preprocessing time of at most 1 ns that draws once per preprocessed sample
        RandomGenerator counting = () -> {
            preprocessDraws.incrementAndGet();
            return 0;
        };
        return new BatchReader(formatReader, i -> {
            pathsBuilt.incrementAndGet();
            return Path.of("f" + i);
        }, perFile, readType, new ComputeEmulator(TimeDistribution.uniform(0, 1e-9), counting), onError,
                new SkippedFiles(), new ReaderBudget(1 << 20, 64));
    }

    /** A reader of files {@code f0, f1, ...} that each hold {@code held} bytes, counting opens per file. */
    private BatchReader counting(Map<String, Integer> opens, long held, ReaderBudget budget) {
        FormatReader formatReader = path -> {
            opens.merge(path.toString(), 1, Integer::sum);
            return new EmptyFile(path, 8) {
                @Override
                public long retainedBytes() {
                    return held;
                }
            };
        };
        return new BatchReader(formatReader, i -> Path.of("f" + i), 8, ReadType.MEMORY,
                new ComputeEmulator(TimeDistribution.ZERO, new SplittableRandom(0)), OnError.FAIL, new SkippedFiles(),
                budget);
    }

    /** Reads a whole epoch of {@code order} in batches of 4; returns the files read again. */
    private static int readEpoch(BatchReader r, EpochSampleOrder order) throws Exception {
        int again = 0;
        for (long step = 0; step < order.steps(); step++) {
            again += r.read(order, step * 4, 4).filesReadAgain();
        }
        return again;
    }

    /**
     * A reader of files {@code f0, f1, ...} of {@code perFile} samples that logs opens and what it
     * opens ahead; the file called {@code corrupt} fails to open.
     */
    private static BatchReader openingAhead(List<String> log, int perFile, String corrupt) {
        return openingAhead(log, perFile, corrupt, true, false);
    }

    /**
     * Likewise; unless {@code taken}, the format's opens do not take the files opened ahead; with
     * {@code acrossBatches} the next batch's first file is opened ahead too.
     */
    private static BatchReader openingAhead(List<String> log, int perFile, String corrupt, boolean taken,
                                            boolean acrossBatches) {
        FormatReader formatReader = path -> {
            log.add("open " + path);
            if (path.toString().equals(corrupt)) {
                throw new DataFileException(path, "corrupt");
            }
            return new EmptyFile(path, perFile);
        };
        FilesAhead ahead = new FilesAhead() {
            @Override
            public void open(Path file) {
                log.add("ahead " + file);
            }

            @Override
            public boolean release(Path file) {
                log.add("release " + file);
                return !taken;
            }

            @Override
            public boolean acrossBatches() {
                return acrossBatches;
            }
        };
        return new BatchReader(formatReader, i -> Path.of("f" + i), perFile, ReadType.MEMORY,
                new ComputeEmulator(TimeDistribution.ZERO, new SplittableRandom(0)), OnError.FAIL, new SkippedFiles(),
                new ReaderBudget(1 << 20, 64), ahead);
    }

    @Test
    void theNextRunsFileIsOpenedAheadBeforeARunIsReadAndLetGoOnceItWasRead() throws Exception {
        List<String> log = new ArrayList<>();
        EpochSampleOrder order = new EpochSampleOrder(8, 1, 0, 1, 4, Shuffle.OFF, Shuffle.OFF, 1);
        try (BatchReader r = openingAhead(log, 1, null)) {
            assertThat(r.read(order, 0, 4).samples()).isEqualTo(4);
            assertThat(r.read(order, 4, 4).samples()).isEqualTo(4);
        }
        // a batch's first file is not known ahead; every later one is opened ahead while the one before is read
        assertThat(log).containsExactly(
                "ahead f1", "open f0", "ahead f2", "open f1", "release f1", "ahead f3", "open f2", "release f2",
                "open f3", "release f3",
                "ahead f5", "open f4", "ahead f6", "open f5", "release f5", "ahead f7", "open f6", "release f6",
                "open f7", "release f7");
    }

    @Test
    void aFormatWhoseOpenDoesNotTakeTheFileOpenedAheadStopsTheOpeningAhead() throws Exception {
        List<String> log = new ArrayList<>();
        EpochSampleOrder order = new EpochSampleOrder(4, 1, 0, 1, 4, Shuffle.OFF, Shuffle.OFF, 1);
        try (BatchReader r = openingAhead(log, 1, null, false, false)) {
            assertThat(r.read(order, 0, 4).samples()).isEqualTo(4);
        }
        // f1 was opened ahead and left there by its open: nothing more is opened ahead
        assertThat(log).containsExactly("ahead f1", "open f0", "ahead f2", "open f1", "release f1", "open f2",
                "release f2", "open f3");
    }

    @Test
    void aThreadThatReadsEveryBatchOpensTheNextBatchsFirstFileAheadToo() throws Exception {
        List<String> log = new ArrayList<>();
        EpochSampleOrder order = new EpochSampleOrder(8, 1, 0, 1, 4, Shuffle.OFF, Shuffle.OFF, 1);
        try (BatchReader r = openingAhead(log, 1, null, true, true)) {
            assertThat(r.read(order, 0, 4).samples()).isEqualTo(4);
            assertThat(log).endsWith("ahead f4", "open f3", "release f3");
            log.clear();
            assertThat(r.read(order, 4, 4).samples()).isEqualTo(4);
            r.endPhase();
        }
        // f4, opened ahead by the batch before, is taken by its read; the epoch's last file has no next
        assertThat(log).containsExactly("ahead f5", "open f4", "release f4", "ahead f6", "open f5", "release f5",
                "ahead f7", "open f6", "release f6", "open f7", "release f7");
    }

    @Test
    void aFileAlreadyOpenIsNotOpenedAheadAgain() throws Exception {
        List<String> log = new ArrayList<>();
        // 2 files of 4 samples, batches of 8: one run of each file per batch
        EpochSampleOrder order = new EpochSampleOrder(2, 4, 0, 1, 8, Shuffle.OFF, Shuffle.OFF, 1);
        try (BatchReader r = openingAhead(log, 4, null)) {
            r.read(order, 0, 8);
            assertThat(log).containsExactly("ahead f1", "open f0", "open f1", "release f1");
            log.clear();
            r.read(order, 0, 8); // read_type memory: both files are still open
            assertThat(log).isEmpty();
        }
    }

    @Test
    void aFileOpenedAheadIsLetGoWhenTheBatchFailsBeforeReadingIt() throws Exception {
        List<String> log = new ArrayList<>();
        EpochSampleOrder order = new EpochSampleOrder(3, 1, 0, 1, 3, Shuffle.OFF, Shuffle.OFF, 1);
        try (BatchReader r = openingAhead(log, 1, "f1")) {
            assertThatThrownBy(() -> r.read(order, 0, 3)).isInstanceOf(DataFileException.class);
            assertThat(log).containsExactly("ahead f1", "open f0", "ahead f2", "open f1", "release f1");

            r.endPhase();
            assertThat(log).endsWith("release f2");
        }
    }

    @Test
    void inMemoryModeAShuffledEpochOpensEveryFileOnceAndTheNextEpochOpensItAgain() throws Exception {
        Map<String, Integer> opens = new TreeMap<>();
        // 6 files x 8 samples in a shuffled order: every batch jumps between files
        EpochSampleOrder order = new EpochSampleOrder(6, 8, 0, 1, 4, Shuffle.SEED, Shuffle.SEED, 7);
        try (BatchReader r = counting(opens, 100, new ReaderBudget(1 << 20, 64))) {
            assertThat(readEpoch(r, order)).isZero();
            assertThat(opens).hasSize(6).allSatisfy((file, n) -> assertThat(n).as(file).isEqualTo(1));

            r.endPhase();
            assertThat(readEpoch(r, order)).isZero();
            assertThat(opens).allSatisfy((file, n) -> assertThat(n).as(file).isEqualTo(2));
        }
    }

    @Test
    void filesTheBudgetClosedAndThatAreOpenedAgainAreCounted() throws Exception {
        Map<String, Integer> opens = new TreeMap<>();
        EpochSampleOrder order = new EpochSampleOrder(6, 8, 0, 1, 4, Shuffle.SEED, Shuffle.SEED, 7);
        // room for one file of 100 bytes: every change of file closes the previous one
        try (BatchReader r = counting(opens, 100, new ReaderBudget(150, 64))) {
            int again = readEpoch(r, order);

            int total = opens.values().stream().mapToInt(Integer::intValue).sum();
            assertThat(total).isGreaterThan(6);
            assertThat(again).isEqualTo(total - 6);
        }
    }

    @Test
    void thePathOfAFileAlreadyOpenIsNotBuiltAgain() throws Exception {
        EpochSampleOrder order = new EpochSampleOrder(1, 64, 0, 1, 8, Shuffle.OFF, Shuffle.SEED, 1);
        try (BatchReader r = reader(64, ReadType.MEMORY, OnError.FAIL)) {
            int samples = 0;
            for (long step = 0; step < order.steps(); step++) {
                samples += r.read(order, step * 8, 8).samples();
            }

            assertThat(samples).isEqualTo(64);
            assertThat(pathsBuilt).hasValue(1);
            assertThat(r.latencies().perSample().count()).isEqualTo(64);
            assertThat(r.latencies().perBatch().count()).isEqualTo(8);
        }
    }

    @Test
    void samplesOfASkippedFileAreNeverPreprocessed() throws Exception {
        EpochSampleOrder order = new EpochSampleOrder(2, 4, 0, 1, 8, Shuffle.OFF, Shuffle.OFF, 1);
        try (BatchReader r = reader(4, ReadType.MEMORY, OnError.SKIP)) {
            // the first time f1 fails to open; the second it is known to be skipped
            for (int time = 0; time < 2; time++) {
                BatchResult b = r.read(order, 0, 8);

                assertThat(b.samples()).isEqualTo(4);
                assertThat(b.skipped()).isEqualTo(4);
            }
            assertThat(preprocessDraws).hasValue(8);
            assertThat(r.latencies().perSample().count()).isEqualTo(8);
        }
    }

    @Test
    void asksFilesForSizesOnlyAndCountsThePiecesTheyGive() throws Exception {
        List<Boolean> readsBytes = new ArrayList<>();
        FormatReader formatReader = path -> new EmptyFile(path, 4) {
            @Override
            public void read(int first, int count, SampleSink sink) {
                readsBytes.add(sink.readsBytes());
                for (int k = first; k < first + count; k++) {
                    sink.accept(k, 0, ByteBuffer.allocate(100 + k));
                    sink.accept(k, 0, null); // a null piece is a null value, no bytes
                }
            }
        };
        EpochSampleOrder order = new EpochSampleOrder(2, 4, 0, 1, 8, Shuffle.OFF, Shuffle.OFF, 1);
        try (BatchReader r = new BatchReader(formatReader, i -> Path.of("f" + i), 4, ReadType.MEMORY,
                new ComputeEmulator(TimeDistribution.ZERO, new SplittableRandom(0)), OnError.FAIL, new SkippedFiles(),
                new ReaderBudget(1 << 20, 64))) {
            BatchResult b = r.read(order, 0, 8);

            assertThat(b.payloadBytes()).isEqualTo(2 * (100 + 101 + 102 + 103));
            assertThat(readsBytes).as("the runner drops values, as DLIO does").containsExactly(false, false);
        }
    }
}
