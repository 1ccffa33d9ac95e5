package org.dlioparquet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
    private static final Pattern RATE = Pattern.compile(", ([0-9.]+) MB/s, ");

    @Test
    void theRateCountsFromTheFirstFileNotFromConstruction() throws InterruptedException {
        StringWriter text = new StringWriter();
        try (ProgressPrinter p = new ProgressPrinter(new PrintWriter(text), false, 60_000)) {
            Thread.sleep(500); // the lock and resume scans happen here, before started()
            p.started(2);
            p.bytesWritten(1 << 20);
            p.fileWritten(null, 1 << 20);

            Matcher m = RATE.matcher(p.line());
            assertThat(m.find()).isTrue();
            // 1 MiB right after started(): far more than the 2 MB/s of 1 MiB over the half second before it
            assertThat(Double.parseDouble(m.group(1))).isGreaterThan(20);
        }
    }

    @Test
    void aPeriodicLineDueWhenCloseRunsIsDroppedSoTheFinalLineStaysLast() throws InterruptedException {
        StringWriter text = new StringWriter();
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(text), true, 1);
        synchronized (p) {
            p.started(1);
            p.bytesWritten(100);
            p.fileWritten(null, 100);
            // the printer thread has decided to print and waits for the lock this test holds
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (p.printer.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(p.printer.getState()).isEqualTo(Thread.State.BLOCKED);
            p.close();
        }
        p.printer.join(10_000);

        String out = text.toString();
        assertThat(out).endsWith(System.lineSeparator()); // a terminal line left without its newline would not
        assertThat(out.split("\r", -1)).hasSize(2); // only the final line was drawn
    }

    @Test
    void bytesCountAsTheyAreWrittenBeforeAnyFileIsComplete() throws InterruptedException {
        try (ProgressPrinter p = new ProgressPrinter(new PrintWriter(new StringWriter()), false, 60_000)) {
            p.started(16, 16L << 30);
            p.bytesWritten(1L << 30);
            p.bytesWritten(1L << 30);
            Thread.sleep(1100); // an eighth in a second: about 7 s to go

            assertThat(p.line()).matches("datagen 0/16 files \\(12%\\), 2048\\.0 MB, [0-9.]+ MB/s, ETA [0-9hms]+")
                    .doesNotContain("ETA 0s");
            for (int i = 0; i < 16; i++) {
                p.fileWritten(null, 1L << 30);
            }
            assertThat(p.line()).startsWith("datagen 16/16 files (100%), 2048.0 MB, ").endsWith(", ETA 0s");
        }
    }
}
