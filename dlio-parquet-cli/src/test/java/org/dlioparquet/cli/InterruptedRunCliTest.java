package org.dlioparquet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dlioparquet.cli.CliTestSupport.smallWorkload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.dlioparquet.core.testing.ChildJvm;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A real {@code dlio-parquet run} in its own JVM, stopped by a real signal once its first epoch is done. */
class InterruptedRunCliTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"INT, 130", "TERM, 143"})
    void aSignalAfterTheFirstEpochKeepsTheCompletedEpochsAndExitsWithTheShellsCode(String signal, int code)
            throws Exception {
        // 8 steps of 50 ms per epoch, 100 epochs: far from done when the signal comes
        Path yaml = smallWorkload(dir, "");
        Path out = dir.resolve("out");
        Path log = dir.resolve("child.log");
        Process child = ChildJvm.start(DlioParquetCli.class, log, "run", yaml.toString(), "-o", out.toString(),
                "++workload.train.epochs=100", "++workload.train.computation_time=0.05");
        try {
            waitFor(log, "Epoch 1:", child);
            // the shell's own kill: no procps needed
            int sent = new ProcessBuilder("sh", "-c", "kill -" + signal + " " + child.pid()).start().waitFor();
            assertThat(sent).isZero();

            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ended").isTrue();
        } finally {
            child.destroyForcibly();
        }

        String printed = Files.readString(log);
        assertThat(child.exitValue()).as(printed).isEqualTo(code);
        assertThat(printed.lines().filter(l -> l.startsWith("dlio-parquet: "))).hasSize(1).allSatisfy(l ->
                assertThat(l).matches("dlio-parquet: SIG" + signal + ": run interrupted after [0-9]+ of 100 epochs; "
                        + "the completed epochs' results are in .*"));
        assertThat(printed).doesNotContain("Exception").doesNotContain("\tat ");

        ObjectMapper json = new ObjectMapper();
        JsonNode summary = json.readTree(out.resolve("summary.json").toFile());
        int done = summary.get("epochs").asInt();
        assertThat(done).isBetween(1, 99);
        assertThat(summary.get("dlio_parquet").get("interrupted").asBoolean()).isTrue();
        assertThat(summary.get("metric").get("train_au_percentage")).hasSize(done);
        assertThat(json.readTree(out.resolve("0_per_epoch_stats.json").toFile()).size()).isEqualTo(done);
        assertThat(printed).contains("run interrupted after " + done + " of 100 epochs");
    }

    private static void waitFor(Path log, String text, Process child) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!child.isAlive()) {
                throw new AssertionError("the child ended before printing '" + text + "':\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' within 120 s:\n" + Files.readString(log));
    }
}
