package org.dlioparquet.core.metrics.trace;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPOutputStream;
import org.dlioparquet.core.config.TraceLevel;
import org.dlioparquet.core.metrics.RunClock;

/**
 * One rank's trace in DFTracer's {@code .pfw} format, gzip-compressed: a {@code [} line, then one
 * JSON object per line, complete events ({@code "ph":"X"}, times in microseconds since 1970) and
 * metadata events ({@code "ph":"M"}: {@code HH}/{@code FH} name the host and file hashes that events
 * carry as {@code hhash}/{@code fhash}, {@code PR} the rank, Chrome's {@code process_name} and
 * {@code thread_name}), and a closing {@code ]} so that Perfetto loads it too.
 *
 * <p>Cost: recording threads fill {@link TraceBuffer}s of {@value #CHUNK_EVENTS} events
 * ({@value #SLOTS} longs each); one writer thread per rank formats and compresses full chunks. At
 * most {@value #QUEUE_CHUNKS} chunks wait for it: when it falls behind, a recording thread blocks
 * until it catches up (the time is counted in {@link Summary#waitNanos()}) rather than memory
 * growing. Memory is therefore bounded by {@code (threads + 2 x QUEUE_CHUNKS) x 80 KiB} per rank.
 */
public final class TraceWriter {
    static final int SLOTS = 5 + TraceEvent.MAX_ARGS;
    static final int CHUNK_EVENTS = 1024;
    static final int QUEUE_CHUNKS = 32;
    /** File names remembered to write each {@code FH} line once; forgotten wholesale when full. */
    private static final int NAMED_FILES = 1 << 16;
    private static final TraceEvent[] EVENTS = TraceEvent.values();
    private static final Object END = new Object();

    private final Path file;
    private final TraceLevel level;
    private final RunClock clock;
    private final long pid;
    private final long hhash;
    private final AtomicLong ids = new AtomicLong(1);
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
    private final BlockingQueue<long[]> spare = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
    private final List<TraceBuffer> buffers = new ArrayList<>();
    private final LongAdder waitNanos = new LongAdder();
    private final Thread thread;
    private final Writer out;
    // written by the writer thread only; read after it has ended
    private long events;
    private IOException failure;
    private final Set<Long> namedFiles = new HashSet<>();
    private Summary summary;

    private record Chunk(long[] data, int count, long tid) {
    }

    private record Meta(String name, long tid, String argName, String value, long number) {
    }

    /** What a closed trace holds. {@code failure} is null when every event was written. */
    public record Summary(Path file, TraceLevel level, long events, long bytes, long waitNanos, String failure) {
    }

    private TraceWriter(Path file, TraceLevel level, RunClock clock, int rank, int size, String host, Writer out) {
        this.file = file;
        this.level = level;
        this.clock = clock;
        this.pid = ProcessHandle.current().pid();
        this.hhash = hash(host);
        this.out = out;
        long tid = Thread.currentThread().getId();
        meta(new Meta("HH", tid, host, null, hhash));
        meta(new Meta("PR", tid, "rank", null, rank));
        meta(new Meta("PR", tid, "size", null, size));
        meta(new Meta("process_name", tid, null, "rank " + rank + " of " + size, 0));
        this.thread = new Thread(this::drain, "dlio-trace-" + rank);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts the trace of {@code rank} in {@code folder}: {@code trace-<rank>-of-<size>.pfw.gz},
     * DLIO's name plus DFTracer's compression suffix.
     */
    public static TraceWriter open(Path folder, int rank, int size, TraceLevel level, RunClock clock, String host)
            throws IOException {
        Path file = folder.resolve(fileName(rank, size));
        OutputStream raw = Files.newOutputStream(file);
        Writer w = new OutputStreamWriter(new GZIPOutputStream(new BufferedOutputStream(raw, 1 << 16), 1 << 16),
                StandardCharsets.UTF_8);
        try {
            w.write("[\n");
        } catch (IOException e) {
            w.close();
            throw e;
        }
        return new TraceWriter(file, level, clock, rank, size, host, w);
    }

    public static String fileName(int rank, int size) {
        return "trace-" + rank + "-of-" + size + ".pfw.gz";
    }

    public TraceLevel level() {
        return level;
    }

    public Path file() {
        return file;
    }

    /** A buffer for the calling thread, which alone may record into it. */
    public TraceBuffer buffer() {
        Thread t = Thread.currentThread();
        TraceBuffer b = new TraceBuffer(this, t.getId(), level);
        synchronized (buffers) {
            buffers.add(b);
        }
        meta(new Meta("thread_name", t.getId(), null, t.getName(), 0));
        return b;
    }

    long nextId() {
        return ids.getAndIncrement();
    }

    void fileName(long fhash, String path, long tid) {
        meta(new Meta("FH", tid, path, null, fhash));
    }

    long[] freshChunk() {
        long[] c = spare.poll();
        return c != null ? c : new long[CHUNK_EVENTS * SLOTS];
    }

    void submit(long[] chunk, int count, long tid) {
        enqueue(new Chunk(chunk, count, tid));
    }

    private void meta(Meta m) {
        enqueue(m);
    }

    private void enqueue(Object item) {
        if (queue.offer(item)) {
            return;
        }
        long t0 = System.nanoTime();
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(item);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        waitNanos.add(System.nanoTime() - t0);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        StringBuilder line = new StringBuilder(512);
        while (true) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                continue; // only close() ends the writer, after every chunk is in
            }
            if (item == END) {
                return;
            }
            try {
                if (item instanceof Chunk c) {
                    if (failure == null) {
                        writeChunk(c, line);
                    }
                    spare.offer(c.data());
                } else if (failure == null) {
                    writeMeta((Meta) item, line);
                }
            } catch (IOException e) {
                failure = e; // keep draining so that no recording thread waits forever
            }
        }
    }

    private void writeChunk(Chunk c, StringBuilder line) throws IOException {
        long[] d = c.data();
        for (int i = 0; i < c.count(); i++) {
            int at = i * SLOTS;
            TraceEvent e = EVENTS[(int) (d[at] & 0xFF)];
            long start = clock.epochMicros(d[at + 3]);
            long dur = Math.max(0, clock.epochMicros(d[at + 4]) - start);
            line.setLength(0);
            line.append("{\"id\":").append(d[at + 1]).append(",\"name\":\"").append(e.eventName())
                    .append("\",\"cat\":\"").append(e.category()).append("\",\"pid\":").append(pid)
                    .append(",\"tid\":").append(c.tid()).append(",\"ts\":").append(start).append(",\"dur\":")
                    .append(dur).append(",\"ph\":\"X\",\"args\":{\"hhash\":").append(hhash).append(",\"p_idx\":")
                    .append(d[at + 2]).append(",\"level\":").append(d[at] >>> 8);
            for (int a = 0; a < e.argCount(); a++) {
                line.append(",\"").append(e.arg(a)).append("\":").append(d[at + 5 + a]);
            }
            line.append("}}\n");
            out.append(line);
            events++;
        }
    }

    private void writeMeta(Meta m, StringBuilder line) throws IOException {
        if (m.name().equals("FH")) {
            if (namedFiles.size() >= NAMED_FILES) {
                namedFiles.clear();
            }
            if (!namedFiles.add(m.number())) {
                return;
            }
        }
        line.setLength(0);
        line.append("{\"id\":").append(nextId()).append(",\"name\":\"").append(m.name())
                .append("\",\"cat\":\"dftracer\",\"pid\":").append(pid).append(",\"tid\":").append(m.tid())
                .append(",\"ph\":\"M\",\"args\":{");
        if (m.value() != null) {
            line.append("\"name\":");
            quote(line, m.value());
        } else {
            line.append("\"name\":");
            quote(line, m.argName());
            line.append(",\"value\":").append(m.number());
        }
        line.append("}}\n");
        out.append(line);
        events++;
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, sb);
        sb.append('"');
    }

    /**
     * Writes what every buffer still holds and closes the file. The recording threads must be
     * done (the run's accelerators and readers have stopped). Idempotent.
     */
    public synchronized Summary close() throws IOException {
        if (summary != null) {
            return summary;
        }
        synchronized (buffers) {
            buffers.forEach(TraceBuffer::flush);
        }
        enqueue(END);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            if (failure == null) {
                out.write("]\n");
            }
            out.close();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
        long bytes = Files.exists(file) ? Files.size(file) : 0;
        summary = new Summary(file, level, events, bytes, waitNanos.sum(),
                failure == null ? null : String.valueOf(failure.getMessage()));
        return summary;
    }

    /**
     * DFTracer-style hash of a host or file name: FNV-1a over the UTF-8 bytes, kept to 53 bits so
     * that every JSON reader (JavaScript included) reads it exactly.
     */
    public static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h & ((1L << 53) - 1);
    }
}
