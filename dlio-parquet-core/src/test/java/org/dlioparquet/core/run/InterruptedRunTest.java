package org.dlioparquet.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.Failure;
import org.dlioparquet.core.RunInterruptedException;
import org.dlioparquet.core.RunListener;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.metrics.EpochSummary;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.testing.RawBinFormatProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping a run by interrupting the thread that runs it (what the command line does on Ctrl-C and SIGTERM). */
class InterruptedRunTest {
    private static final FormatRegistry REGISTRY = FormatRegistry.of(List.of(new RawBinFormatProvider()));

    @TempDir
    Path dir;

    /** 20 epochs of 8 steps of 10 ms on 2 accelerators: a run long enough to be stopped in the middle. */
    private WorkloadConfig workload() {
        return new WorkloadLoader(REGISTRY).baseDirectory(dir).load("""
                model: {name: stopped}
                workflow: {generate_data: True, train: True}
                dataset: {format: rawbin, num_files_train: 16, num_samples_per_file: 4, record_length_bytes: 1024}
                reader: {batch_size: 4, read_threads: 1}
                train: {epochs: 20, computation_time: 0.01}
                """, "stopped.yaml", List.of());
    }

    @Test
    void aRunInterruptedAfterItsFirstEpochWritesTheCompletedEpochsMarkedInterrupted() throws IOException {
        Thread caller = Thread.currentThread();
        RunListener stopAfterFirst = new RunListener() {
            @Override
            public void epochFinished(EpochSummary epoch) {
                if (epoch.epoch() == 1) {
                    caller.interrupt();
                }
            }
        };

        RunInterruptedException stopped = catchThrowableOfType(() -> Dlio.run(workload(), RunOptions.defaults()
                .withAccelerators(2).withOutputFolder(dir.resolve("out")).withListener(stopAfterFirst)),
                RunInterruptedException.class);

        assertThat(Thread.currentThread().isInterrupted()).as("the exception reports the interrupt").isFalse();
        int done = stopped.summary().epochs().size();
        assertThat(done).isBetween(1, 19);
        assertThat(stopped.summary().interrupted()).isTrue();
        assertThat(stopped.outputFolder()).isEqualTo(dir.resolve("out"));
        Failure failure = Dlio.classify(stopped);
        assertThat(failure.kind()).isEqualTo(Failure.Kind.INTERRUPTED);
        assertThat(failure.message()).startsWith("run interrupted after " + done + " of 20 epochs; the completed "
                + "epochs' results are in " + dir.resolve("out"));

        ObjectMapper json = new ObjectMapper();
        JsonNode summary = json.readTree(dir.resolve("out/summary.json").toFile());
        assertThat(summary.get("epochs").asInt()).isEqualTo(done);
        assertThat(summary.get("metric").get("train_au_percentage")).hasSize(done);
        assertThat(summary.get("dlio_parquet").get("interrupted").asBoolean()).isTrue();
        for (String rank : List.of("0", "1")) {
            JsonNode stats = json.readTree(dir.resolve("out/" + rank + "_per_epoch_stats.json").toFile());
            JsonNode output = json.readTree(dir.resolve("out/" + rank + "_output.json").toFile());
            assertThat(stats.size()).as("completed epochs only").isEqualTo(done);
            assertThat(output.has(Integer.toString(done))).isTrue();
            assertThat(output.has(Integer.toString(done + 1))).isFalse();
        }
        assertThat(Files.readString(dir.resolve("out/dlio.log"))).contains("Interrupted: run interrupted after " + done)
                .contains("[METRIC] Training Accelerator Utilization");
    }

    @Test
    void aRunInterruptedBeforeItsFirstEpochEndedWritesNoResults() throws IOException {
        Thread caller = Thread.currentThread();
        RunListener stopAtOnce = new RunListener() {
            @Override
            public void message(String line) {
                if (line.startsWith("Running ")) {
                    caller.interrupt();
                }
            }
        };

        RunInterruptedException stopped = catchThrowableOfType(() -> Dlio.run(workload(), RunOptions.defaults()
                .withOutputFolder(dir.resolve("out")).withListener(stopAtOnce)), RunInterruptedException.class);

        assertThat(stopped.summary()).isNull();
        assertThat(stopped).hasMessage("run interrupted before its first epoch ended; no results were written");
        assertThat(dir.resolve("out/summary.json")).doesNotExist();
        assertThat(dir.resolve("out/0_per_epoch_stats.json")).doesNotExist();
        assertThat(Files.readString(dir.resolve("out/dlio.log"))).contains("Interrupted: run interrupted before");
    }
}
