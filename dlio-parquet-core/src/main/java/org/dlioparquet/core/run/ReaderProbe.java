package org.dlioparquet.core.run;

import java.nio.file.Path;
import java.util.Locale;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.metrics.trace.TraceBuffer;
import org.dlioparquet.core.metrics.trace.TraceEvent;
import org.dlioparquet.core.metrics.trace.TraceWriter;
import org.dlioparquet.core.storage.ReadObserver;

/**
 * One reader thread as the run's observers see it: what it is reading right now (for a stall
 * report) and, when the run is traced per sample, its {@code item}/{@code preprocess} events and
 * the POSIX events of the files it opens (as the {@link ReadObserver} of its thread while it loads
 * a batch). Written by its reader thread; {@link #describe} is read by the monitor thread.
 */
final class ReaderProbe implements ReadObserver {
    static final ReaderProbe NONE = new ReaderProbe();

    private final RankProbe rank;
    private final String thread;
    private final BatchReader.FileLocator files;
    private final TraceBuffer events;
    private final int samplesPerFile;
    private final boolean enabled;
    /** The block kind this thread loads for: a loader serves training or evaluation, never both. */
    private final Split split;
    private int step;
    // what the thread reads, for a stall report
    private volatile long fileIndex = -1;
    private volatile int row;
    private volatile int count;
    private volatile long offset = -1;
    private volatile long since;

    private ReaderProbe() {
        this.rank = null;
        this.thread = "";
        this.files = null;
        this.events = null;
        this.samplesPerFile = 1;
        this.enabled = false;
        this.split = null;
    }

    ReaderProbe(RankProbe rank, String thread, BatchReader.FileLocator files, TraceBuffer events, int samplesPerFile) {
        this.rank = rank;
        this.thread = thread;
        this.files = files;
        this.events = events;
        this.samplesPerFile = samplesPerFile;
        this.enabled = true;
        this.split = rank.split();
    }

    /** Loading the batch of step {@code stepNumber} (from 1) starts on this thread. */
    void batchStarted(int stepNumber) {
        step = stepNumber;
        if (events != null) {
            ReadObserver.install(this);
        }
    }

    void batchFinished() {
        if (!enabled) {
            return;
        }
        since = 0;
        if (events != null) {
            ReadObserver.install(null);
        }
    }

    /** Reading {@code n} samples of file {@code file} from row {@code first} starts. */
    void runStarted(long file, int first, int n, long startNanos) {
        if (!enabled) {
            return;
        }
        fileIndex = file;
        row = first;
        count = n;
        offset = -1;
        since = startNanos;
    }

    /** The samples were read and decoded ({@code payloadBytes} of values); preprocessing follows. */
    void runRead(long file, int first, int n, long startNanos, long endNanos, long payloadBytes) {
        if (!enabled) {
            return;
        }
        since = 0;
        if (events != null) {
            events.complete(TraceEvent.ITEM, 1, events.nextId(), 0, startNanos, endNanos, rank.currentEpoch(), step,
                    file * samplesPerFile + first, n, payloadBytes);
        }
    }

    /** The run's read failed (a corrupt file skipped): the thread reads nothing now. */
    void runEnded() {
        if (enabled) {
            since = 0;
        }
    }

    /** Whether preprocessing is worth two clock readings: only when traced. */
    boolean timesPreprocess() {
        return events != null;
    }

    void preprocessed(long file, int first, int n, long startNanos, long endNanos) {
        events.complete(TraceEvent.PREPROCESS, 1, events.nextId(), 0, startNanos, endNanos, rank.currentEpoch(), step,
                file * samplesPerFile + first, n);
    }

    // ---- ReadObserver: the files this thread opens while loading a batch ----

    @Override
    public long opened(Path file, long startNanos, long endNanos) {
        String name = file.toString();
        long fhash = TraceWriter.hash(name);
        events.fileName(fhash, name);
        events.complete(TraceEvent.OPEN, 2, events.nextId(), 0, startNanos, endNanos, fhash);
        return fhash;
    }

    @Override
    public void reading(long handle, long position, int length) {
        offset = position;
    }

    @Override
    public void read(long handle, boolean positional, long position, int length, int returned, long startNanos,
                     long endNanos) {
        long ret = Math.max(0, returned);
        if (positional) {
            events.complete(TraceEvent.PREAD, 2, events.nextId(), 0, startNanos, endNanos, handle, position, length,
                    ret);
        } else {
            events.complete(TraceEvent.READ, 2, events.nextId(), 0, startNanos, endNanos, handle, length, ret);
        }
    }

    @Override
    public void closed(long handle, long startNanos, long endNanos) {
        events.complete(TraceEvent.CLOSE, 2, events.nextId(), 0, startNanos, endNanos, handle);
    }

    // ---- for the monitor thread ----

    Split split() {
        return split;
    }

    /**
     * {@code dlio-a0-train-reader-1: reading train/img_3_of_8.parquet samples 12..14 for 61.0 s (at
     * byte 1048576)}, or {@code ...: not reading}; paths relative to {@code root}.
     */
    String describe(Path root, long nowNanos) {
        long start = since;
        long file = fileIndex;
        if (start == 0 || file < 0) {
            return thread + ": not reading (waiting for work)";
        }
        Path p = files.path(file);
        String shown = p.startsWith(root) ? root.relativize(p).toString() : p.toString();
        int r = row;
        int n = count;
        long at = offset;
        return String.format(Locale.ROOT, "%s: reading %s sample%s %s for %.1f s%s", thread, shown, n > 1 ? "s" : "",
                n > 1 ? r + ".." + (r + n - 1) : Integer.toString(r), (nowNanos - start) / 1e9,
                at >= 0 ? " (last read at byte offset " + at + ")" : "");
    }
}
