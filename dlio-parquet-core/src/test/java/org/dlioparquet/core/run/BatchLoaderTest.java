package org.dlioparquet.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.config.OnError;
import org.dlioparquet.core.config.ReadType;
import org.dlioparquet.core.config.Shuffle;
import org.dlioparquet.core.config.TimeDistribution;
import org.dlioparquet.core.spi.FormatReader;
import org.junit.jupiter.api.Test;

class BatchLoaderTest {

    /** 8 files of 4 samples, batch 4: batch {@code i} is file {@code i}. */
    private static final EpochSampleOrder ORDER = new EpochSampleOrder(8, 4, 0, 1, 4, Shuffle.OFF, Shuffle.OFF, 0);

    @Test
    void aFailedBatchEndsTheEpochWithoutLoadingAnyFurtherBatch() throws Exception {
        CountDownLatch openedLater = new CountDownLatch(1);
        FormatReader reader = path -> {
            int file = Integer.parseInt(path.toString().substring(1));
            if (file == 1) {
                throw new DataFileException(path, "corrupt");
            }
            if (file >= 3) {
                openedLater.countDown();
            }
            return new EmptyFile(path, 4);
        };
        // one reader thread, two batches in flight: when batch 1 fails, only batch 2 can be queued
        try (BatchLoader loader = new BatchLoader("test", 1, 0, () -> new BatchReader(reader,
                i -> Path.of("f" + i), 4, ReadType.MEMORY,
                new ComputeEmulator(TimeDistribution.ZERO, new SplittableRandom(0)), OnError.FAIL,
                new SkippedFiles(), new ReaderBudget(1 << 20, 16)))) {
            loader.start(ORDER, ORDER.steps());
            assertThat(loader.next().samples()).isEqualTo(4);
            assertThatThrownBy(loader::next).isInstanceOf(DataFileException.class).hasMessage("f1: corrupt");

            assertThat(openedLater.await(300, TimeUnit.MILLISECONDS)).as("a batch after the failure was read")
                    .isFalse();
        }
    }

    /**
     * Each batch is told to the listener when it is queued, before a reader thread opens its file
     * (what opening objects ahead relies on), and the end of the phase is told once.
     */
    @Test
    void everyBatchIsToldWhenQueuedBeforeItsFileIsOpened() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        FormatReader reader = path -> {
            events.add("open " + path);
            return new EmptyFile(path, 4);
        };
        BatchLoader.QueuedBatches queued = new BatchLoader.QueuedBatches() {
            @Override
            public void queued(EpochSampleOrder order, long first, int count) {
                order.forEachRun(first, count, true, (file, row, length) -> events.add("queued f" + file));
            }

            @Override
            public void phaseEnded() {
                events.add("ended");
            }
        };
        try (BatchLoader loader = new BatchLoader("test", 2, 0, () -> new BatchReader(reader,
                i -> Path.of("f" + i), 4, ReadType.MEMORY,
                new ComputeEmulator(TimeDistribution.ZERO, new SplittableRandom(0)), OnError.FAIL,
                new SkippedFiles(), new ReaderBudget(1 << 20, 16)), queued)) {
            loader.start(ORDER, ORDER.steps());
            for (long s = 0; s < ORDER.steps(); s++) {
                loader.next();
            }
            loader.endPhase();
        }
        List<String> seen = List.copyOf(events);
        for (int f = 0; f < 8; f++) {
            assertThat(seen).contains("queued f" + f);
            assertThat(seen.indexOf("queued f" + f)).as("file %d queued before it is opened", f)
                    .isLessThan(seen.indexOf("open f" + f));
        }
        assertThat(seen.indexOf("ended")).isGreaterThan(seen.indexOf("open f7"));
    }
}
