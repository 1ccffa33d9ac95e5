package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.dlioparquet.core.storage.ForwardingChannel;
import org.dlioparquet.core.storage.PositionalWriter;

/**
 * A file for the raw writer that records which threads write pages (writes over 64 KiB), and
 * when, and can slow or fail the page writes of chosen threads: through {@code write} and, when
 * made {@link #positional}, through the positional writes it then passes on.
 */
final class PageWriteProbe extends ForwardingChannel {
    final List<Thread> pageWriters = new CopyOnWriteArrayList<>();
    final AtomicInteger writing = new AtomicInteger();
    /** Writes that ended after {@link #returned} was set. */
    final AtomicInteger lateWrites = new AtomicInteger();
    volatile boolean returned;
    private final boolean positional;
    private volatile Predicate<Thread> failing = t -> false;
    private volatile IOException failure;
    private volatile Predicate<Thread> slowed = t -> false;
    private volatile long pageMillis;

    private PageWriteProbe(SeekableByteChannel file, boolean positional) {
        super(file);
        this.positional = positional;
    }

    /** Watches {@code write} only: the raw writer then hands pages over one by one. */
    static PageWriteProbe sequential(SeekableByteChannel file) {
        return new PageWriteProbe(file, false);
    }

    /** Passes positional writes on too, and watches them. */
    static PageWriteProbe positional(SeekableByteChannel file) {
        return new PageWriteProbe(file, true);
    }

    /** Page writes of the threads {@code which} accepts throw {@code e}. */
    PageWriteProbe failPages(Predicate<Thread> which, IOException e) {
        failure = e;
        failing = which;
        return this;
    }

    /** Page writes of the threads {@code which} accepts take {@code millis} longer. */
    PageWriteProbe slowPages(Predicate<Thread> which, long millis) {
        pageMillis = millis;
        slowed = which;
        return this;
    }

    @FunctionalInterface
    private interface Write {
        int run() throws IOException;
    }

    private int watch(ByteBuffer src, Write write) throws IOException {
        writing.incrementAndGet();
        try {
            Thread me = Thread.currentThread();
            if (src.remaining() > 64 << 10) {
                pageWriters.add(me);
                if (failing.test(me)) {
                    throw failure;
                }
                if (slowed.test(me)) {
                    Thread.sleep(pageMillis);
                }
            }
            return write.run();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } finally {
            if (returned) {
                lateWrites.incrementAndGet();
            }
            writing.decrementAndGet();
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return watch(src, () -> super.write(src));
    }

    @Override
    public Optional<PositionalWriter> positionalWriter() {
        if (!positional) {
            return Optional.empty();
        }
        return delegatePositionalWriter().map(below -> (src, position) -> watch(src, () -> {
            int n = src.remaining();
            below.write(src, position);
            return n;
        }));
    }
}
