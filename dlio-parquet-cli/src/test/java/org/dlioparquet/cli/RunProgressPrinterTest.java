package org.dlioparquet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.dlioparquet.core.RunMonitoring;
import org.dlioparquet.core.RunProgress;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunProgressPrinterTest {
    private static final RunProgress HALF = new RunProgress(2, 5, "training", 250, 500, 812.34, 203.09, 192);
    private static final String NL = System.lineSeparator();

    @Test
    void onATerminalTheProgressLineIsRedrawnAndClearedBeforeALogLine() {
        StringWriter text = new StringWriter();
        RunProgressPrinter p = new RunProgressPrinter(new PrintWriter(text), true, true);

        p.progress(HALF);
        p.progress(new RunProgress(2, 5, "training", 260, 500, 800, 200, 60));
        p.message("Epoch 2: ...");

        String first = "epoch 2/5 training: step 250/500 (50%), 812.3 samples/s, 203.1 MB/s, ETA 3m12s";
        String second = "epoch 2/5 training: step 260/500 (52%), 800.0 samples/s, 200.0 MB/s, ETA 1m00s";
        assertThat(text.toString()).isEqualTo("\r" + first + "\r" + second + " ".repeat(first.length() - second.length())
                + "\r" + " ".repeat(first.length()) + "\rEpoch 2: ..." + NL);
    }

    @Test
    void offATerminalEachProgressReportIsAPlainLineAndJsonLeavesOutTheMetricBlock() {
        StringWriter text = new StringWriter();
        RunProgressPrinter p = new RunProgressPrinter(new PrintWriter(text), false, false);

        p.progress(HALF);
        p.message("[METRIC] Number of Simulated Accelerators: 1");
        p.message("Epoch 2: ...");

        assertThat(text.toString()).isEqualTo("epoch 2/5 training: step 250/500 (50%), 812.3 samples/s, 203.1 MB/s, "
                + "ETA 3m12s" + NL + "Epoch 2: ..." + NL);
    }

    @Test
    void theRunOptionsReachTheRunsMonitoring() {
        RunCommand defaults = new RunCommand();
        new CommandLine(defaults).parseArgs("quickstart");
        assertThat(defaults.monitoring(false)).isEqualTo(new RunMonitoring(true, Duration.ofSeconds(10),
                Duration.ofSeconds(60)));
        assertThat(defaults.monitoring(true).progressInterval()).isEqualTo(Duration.ofSeconds(1));

        RunCommand set = new RunCommand();
        new CommandLine(set).parseArgs("quickstart", "--no-report", "--progress-interval", "2.5", "--stall-timeout", "0");
        assertThat(set.monitoring(true)).isEqualTo(new RunMonitoring(false, Duration.ofMillis(2500), Duration.ZERO));
    }
}
