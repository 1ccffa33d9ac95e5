package org.dlioparquet.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.dlioparquet.core.GenerationListener;
import org.dlioparquet.core.spi.FileSpec;

/**
 * Generation progress: files, MB, MB/s and ETA. On a terminal one line redrawn in place; otherwise
 * (a job log) a plain line every {@code intervalMillis}. Printing happens on its own thread so the
 * writer threads only bump counters.
 */
final class ProgressPrinter implements GenerationListener, AutoCloseable {
    private final PrintWriter out;
    private final boolean terminal;
    private final long intervalMillis;
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    /** When the first file was started: the scans before it (lock, resume check) are not writing time. */
    private volatile long startNanos;
    private volatile long total;
    final Thread printer; // package-private for the test that races it against close()
    private volatile boolean done;

    ProgressPrinter(PrintWriter out, boolean terminal, long intervalMillis) {
        this.out = out;
        this.terminal = terminal;
        this.intervalMillis = intervalMillis;
        this.printer = new Thread(this::loop, "dlio-progress");
        printer.setDaemon(true);
    }

    @Override
    public void started(long fileCount) {
        startNanos = System.nanoTime();
        total = fileCount;
        printer.start();
    }

    @Override
    public void fileWritten(FileSpec file, long size) {
        files.incrementAndGet();
        bytes.addAndGet(size);
    }

    private void loop() {
        while (!done) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            print(false);
        }
    }

    private synchronized void print(boolean last) {
        if (done && !last) {
            return; // close() printed the final line, or is about to: a periodic line now would follow it
        }
        String line = line();
        if (terminal) {
            out.print("\r" + line + (last ? System.lineSeparator() : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    String line() {
        long f = files.get();
        double mib = bytes.get() / 1048576.0;
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        double rate = mib / seconds;
        String eta = f == 0 || f >= total ? "0s" : formatSeconds(seconds / f * (total - f));
        int pct = total == 0 ? 100 : (int) (100 * f / total);
        String bar = terminal ? bar(pct) + " " : "";
        return String.format(Locale.ROOT, "%sdatagen %d/%d files (%d%%), %.1f MB, %.1f MB/s, ETA %s", bar, f, total,
                pct, mib, rate, eta);
    }

    private static String bar(int pct) {
        int filled = pct / 5;
        return "[" + "#".repeat(filled) + " ".repeat(20 - filled) + "]";
    }

    private static String formatSeconds(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
    }

    @Override
    public void close() {
        synchronized (this) {
            done = true;
        }
        printer.interrupt();
        if (total > 0) {
            print(true);
        }
    }
}
