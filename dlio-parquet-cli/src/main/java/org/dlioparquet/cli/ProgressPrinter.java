package org.dlioparquet.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.dlioparquet.core.GenerationListener;
import org.dlioparquet.core.spi.FileSpec;

/**
 * Generation progress: files, MB, MB/s and ETA. Bytes count as they are written, so a file still
 * being written shows ({@link GenerationListener#bytesWritten}); the share done and the ETA follow
 * the bytes when the generation says how many to expect, else the files. On a terminal one line
 * redrawn in place; otherwise (a job log) a plain line every {@code intervalMillis}. Printing
 * happens on its own thread so the writer threads only add to a counter.
 */
final class ProgressPrinter implements GenerationListener, AutoCloseable {
    private final PrintWriter out;
    private final boolean terminal;
    private final long intervalMillis;
    private final AtomicLong files = new AtomicLong();
    private final LongAdder bytes = new LongAdder();
    /** When the first file was started: the scans before it (lock, resume check) are not writing time. */
    private volatile long startNanos;
    private volatile long total;
    private volatile long totalBytes;
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
        started(fileCount, 0);
    }

    @Override
    public void started(long fileCount, long expectedBytes) {
        startNanos = System.nanoTime();
        total = fileCount;
        totalBytes = expectedBytes;
        printer.start();
    }

    @Override
    public void bytesWritten(long n) {
        bytes.add(n);
    }

    @Override
    public void fileWritten(FileSpec file, long size) {
        files.incrementAndGet();
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
        long written = bytes.sum();
        double mib = written / 1048576.0;
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        double rate = mib / seconds;
        // the share done: of the bytes when known (a file counts while it is written), else of the files
        double done = f >= total ? 1 : totalBytes > 0 ? Math.min(0.99, (double) written / totalBytes)
                : (double) f / total;
        String eta = done >= 1 ? "0s" : done <= 0 ? "?" : formatSeconds(seconds / done * (1 - done));
        int pct = total == 0 ? 100 : (int) (100 * done);
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
