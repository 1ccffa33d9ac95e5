package org.dlioparquet.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.RunListener;
import org.dlioparquet.core.RunMonitoring;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.RunProgress;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.metrics.RunClock;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.testing.RawBinFormatProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressMonitorTest {
    @TempDir
    Path dir;

    private static final BatchResult BATCH = new BatchResult(4 * 1024 * 1024, 4 * 1024 * 1024, 4, 0, 0);

    @Test
    void rankZerosProgressCountsEveryLocalAcceleratorsSamplesAndEstimatesTheRest() {
        RunClock clock = new RunClock(0, 0);
        RankProbe zero = new RankProbe(0, clock, 100, null, 1);
        RankProbe one = new RankProbe(1, clock, 100, null, 1);
        long t0 = 1_000_000_000L;
        for (RankProbe p : List.of(zero, one)) {
            p.runStarted();
            p.epochStarted(1);
            p.phaseStarted(Split.TRAIN, 1, 10, t0);
            for (int s = 0; s < 5; s++) {
                p.loaded(t0);
                p.stepDone(s, t0, t0, t0, t0, BATCH);
            }
        }
        ProgressMonitor m = new ProgressMonitor(List.of(zero, one), 3, Duration.ofSeconds(1), Duration.ZERO,
                RunListener.NONE, dir);

        // two seconds into the block: 5 of 10 steps, 2 x 5 x 4 samples, 2 x 5 x 4 MiB
        RunProgress p = m.progress(t0 + 2_000_000_000L);

        assertThat(p).isEqualTo(new RunProgress(1, 3, "training", 5, 10, 20.0, 20.0, 2 + 2 * 4.0));
        assertThat(p.line()).isEqualTo("epoch 1/3 training: step 5/10 (50%), 20.0 samples/s, 20.0 MB/s, ETA 10s");
    }

    @Test
    void aStallReportNamesTheFileSampleOffsetAndThreadEachReaderIsOn() {
        RankProbe probe = new RankProbe(2, new RunClock(0, 0), 100, null, 8);
        probe.runStarted();
        probe.epochStarted(3);
        probe.phaseStarted(Split.TRAIN, 3, 64, 0);
        Path root = dir.resolve("data");
        ReaderProbe reader = probe.reader(i -> root.resolve("train/img_" + i + "_of_64.parquet"));
        reader.batchStarted(13);
        reader.runStarted(5, 12, 3, 1_000_000_000L);
        reader.reading(0, 1_048_576, 4096);
        ProgressMonitor m = new ProgressMonitor(List.of(probe), 5, Duration.ZERO, Duration.ofSeconds(30),
                RunListener.NONE, root);

        List<String> lines = m.stallReport(probe, RankProbe.State.WAITING, 61_000_000_000L, 62_000_000_000L);

        assertThat(lines).containsExactly("Warning: stall: rank 2 has waited 61.0 s for the batch of step 1 of 64 "
                        + "(epoch 3, training) with no batch arriving; its reader threads:",
                "  " + Thread.currentThread().getName() + ": reading train/img_5_of_64.parquet samples 12..14 for "
                        + "61.0 s (last read at byte offset 1048576)");
        reader.runRead(5, 12, 3, 1_000_000_000L, 2_000_000_000L, 100);
        assertThat(m.stallReport(probe, RankProbe.State.WAITING, 1, 2)).last().asString()
                .endsWith(": not reading (waiting for work)");
        assertThat(m.stallReport(probe, RankProbe.State.BARRIER, 45_000_000_000L, 0)).containsExactly(
                "Warning: stall: rank 2 has waited 45.0 s at the step barrier after step 1 of 64 (epoch 3, training): "
                        + "another accelerator has not finished its step");
    }

    @Test
    void aRunWhoseReaderHangsSaysWhichFileItIsStuckIn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FormatRegistry registry = FormatRegistry.of(List.of(new HangingProvider(release)));
        WorkloadConfig c = new WorkloadLoader(registry).baseDirectory(dir).load("""
                model: {name: stalls}
                workflow: {generate_data: True, train: True}
                dataset: {format: rawbin, num_files_train: 8, num_samples_per_file: 2, record_length_bytes: 1024}
                reader: {batch_size: 2, read_threads: 1}
                train: {epochs: 1}
                """, "stalls.yaml", List.of());
        List<String> messages = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public synchronized void message(String line) {
                messages.add(line);
                if (line.startsWith("  dlio-")) {
                    release.countDown();
                }
            }
        };

        Dlio.run(c, RunOptions.defaults().withOutputFolder(dir.resolve("out")).withListener(listener)
                .withMonitoring(RunMonitoring.defaults().withReport(false).withStallTimeout(Duration.ofMillis(300))));

        assertThat(release.await(0, TimeUnit.SECONDS)).isTrue();
        synchronized (listener) {
            assertThat(messages).anySatisfy(l -> assertThat(l).matches("Warning: stall: rank 0 has waited \\d+\\.\\d s for "
                    + "the batch of step 4 of 8 \\(epoch 1, training\\) with no batch arriving; its reader threads:"));
            assertThat(messages).anySatisfy(l -> assertThat(l).matches("  dlio-a0-train-reader-0: reading "
                    + "train/img_3_of_8.rawbin samples 0..1 for \\d+\\.\\d s"));
        }
    }

    /** rawbin whose reader blocks in file 3 until released. */
    private static final class HangingProvider extends RawBinFormatProvider {
        private final CountDownLatch release;

        HangingProvider(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public FormatReader newReader(ReaderSettings settings) {
            FormatReader plain = super.newReader(settings);
            return path -> {
                SampleFile f = plain.open(path);
                if (!path.getFileName().toString().startsWith("img_3_")) {
                    return f;
                }
                return new SampleFile() {
                    @Override
                    public Path path() {
                        return f.path();
                    }

                    @Override
                    public int sampleCount() {
                        return f.sampleCount();
                    }

                    @Override
                    public List<String> columns() {
                        return f.columns();
                    }

                    @Override
                    public void read(int first, int count, SampleSink sink) throws IOException {
                        try {
                            if (!release.await(30, TimeUnit.SECONDS)) {
                                throw new IOException("never released");
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException(e);
                        }
                        f.read(first, count, sink);
                    }

                    @Override
                    public long bytesRead() {
                        return f.bytesRead();
                    }

                    @Override
                    public void close() throws IOException {
                        f.close();
                    }
                };
            };
        }
    }
}
