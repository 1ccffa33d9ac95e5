package org.dlioparquet.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.config.OnError;
import org.dlioparquet.core.config.ReadType;
import org.dlioparquet.core.config.Shuffle;
import org.dlioparquet.core.config.TimeDistribution;
import org.dlioparquet.core.spi.FormatReader;
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
                new SkippedFiles());
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
}
