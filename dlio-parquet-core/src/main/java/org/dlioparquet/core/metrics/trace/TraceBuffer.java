package org.dlioparquet.core.metrics.trace;

import org.dlioparquet.core.config.TraceLevel;

/**
 * One thread's events on their way to the {@link TraceWriter}: recording an event stores a few
 * numbers in a preallocated chunk (no allocation, no lock, no formatting); a full chunk goes to the
 * writer thread, which turns it into JSON lines. Owned by one thread; not thread-safe.
 */
public final class TraceBuffer {
    private final TraceWriter writer;
    private final long tid;
    private final TraceLevel level;
    private long[] chunk;
    private int count;

    TraceBuffer(TraceWriter writer, long tid, TraceLevel level) {
        this.writer = writer;
        this.tid = tid;
        this.level = level;
        this.chunk = writer.freshChunk();
    }

    /** Whether events of {@code event}'s level are recorded at all. */
    public boolean records(TraceEvent event) {
        return event.level().compareTo(level) <= 0;
    }

    /** A new event id ({@code id}; a child names it as {@code p_idx}). */
    public long nextId() {
        return writer.nextId();
    }

    public void complete(TraceEvent event, int depth, long id, long parent, long startNanos, long endNanos) {
        complete(event, depth, id, parent, startNanos, endNanos, 0, 0, 0, 0, 0);
    }

    public void complete(TraceEvent event, int depth, long id, long parent, long startNanos, long endNanos, long a0) {
        complete(event, depth, id, parent, startNanos, endNanos, a0, 0, 0, 0, 0);
    }

    public void complete(TraceEvent event, int depth, long id, long parent, long startNanos, long endNanos, long a0,
                         long a1) {
        complete(event, depth, id, parent, startNanos, endNanos, a0, a1, 0, 0, 0);
    }

    public void complete(TraceEvent event, int depth, long id, long parent, long startNanos, long endNanos, long a0,
                         long a1, long a2) {
        complete(event, depth, id, parent, startNanos, endNanos, a0, a1, a2, 0, 0);
    }

    public void complete(TraceEvent event, int depth, long id, long parent, long startNanos, long endNanos, long a0,
                         long a1, long a2, long a3) {
        complete(event, depth, id, parent, startNanos, endNanos, a0, a1, a2, a3, 0);
    }

    /**
     * Records a complete event ({@code "ph":"X"}).
     *
     * @param depth  DFTracer's {@code level}: 1 for a thread's outermost event
     * @param id     from {@link #nextId()}
     * @param parent the enclosing event's id on this thread, 0 for none
     * @param a0     the event's arguments in the order {@link TraceEvent} names them; unused ones are ignored
     */
    public void complete(TraceEvent event, int depth, long id, long parent, long startNanos, long endNanos, long a0,
                         long a1, long a2, long a3, long a4) {
        if (!records(event)) {
            return;
        }
        int at = count * TraceWriter.SLOTS;
        long[] c = chunk;
        c[at] = event.ordinal() | ((long) depth << 8);
        c[at + 1] = id;
        c[at + 2] = parent;
        c[at + 3] = startNanos;
        c[at + 4] = endNanos;
        c[at + 5] = a0;
        c[at + 6] = a1;
        c[at + 7] = a2;
        c[at + 8] = a3;
        c[at + 9] = a4;
        if (++count == TraceWriter.CHUNK_EVENTS) {
            hand();
        }
    }

    /** Names a file hash once per file ({@code FH} metadata); the writer drops repeats. */
    public void fileName(long fhash, String path) {
        writer.fileName(fhash, path, tid);
    }

    /** Passes the events recorded so far to the writer. Call from the owning thread, or once it is idle. */
    public void flush() {
        if (count > 0) {
            hand();
        }
    }

    private void hand() {
        writer.submit(chunk, count, tid);
        chunk = writer.freshChunk();
        count = 0;
    }
}
