package org.dlioparquet.core.run;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.dlioparquet.core.metrics.ReadLatencies;

/**
 * The data loader of one emulated accelerator: {@code read_threads} reader threads that load whole
 * batches, at most {@code read_threads × prefetch_factor} batches ahead of the consumer, delivered
 * in order (as PyTorch's DataLoader with {@code prefetch_factor = ceil(prefetch_size / read_threads)},
 * 2 when {@code prefetch_size} is 0). Batches hold no sample data, only their cost, so memory stays
 * bounded by what the reader threads decode at once. With 0 threads the consumer loads each batch
 * itself. Threads persist across epochs; the files they opened are closed at the end of every
 * phase ({@link #endPhase}).
 */
final class BatchLoader implements AutoCloseable {
    private final ExecutorService pool;
    private final int inFlight;
    private final Supplier<BatchReader> readerFactory;
    private final List<BatchReader> readers = new ArrayList<>();
    private final ThreadLocal<BatchReader> threadReader;
    private final ArrayDeque<Future<BatchResult>> queue = new ArrayDeque<>();
    private EpochSampleOrder order;
    private long steps;
    private long submitted;
    private RankProbe probe = RankProbe.NONE;
    private final QueuedBatches queued;

    /** Told of each batch when it is queued, before a reader thread takes it. */
    interface QueuedBatches {
        QueuedBatches NONE = new QueuedBatches() {
            @Override
            public void queued(EpochSampleOrder order, long first, int count) {
            }

            @Override
            public void phaseEnded() {
            }
        };

        void queued(EpochSampleOrder order, long first, int count);

        /** The phase's batches were all taken (or it was cut short). */
        void phaseEnded();
    }

    BatchLoader(String name, int readThreads, int prefetchSize, Supplier<BatchReader> readerFactory) {
        this(name, readThreads, prefetchSize, readerFactory, QueuedBatches.NONE);
    }

    BatchLoader(String name, int readThreads, int prefetchSize, Supplier<BatchReader> readerFactory,
                QueuedBatches queued) {
        this.queued = queued;
        this.readerFactory = readerFactory;
        this.threadReader = ThreadLocal.withInitial(this::newReader);
        if (readThreads == 0) {
            this.pool = null;
            this.inFlight = 0;
        } else {
            AtomicInteger n = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(readThreads, r -> {
                Thread t = new Thread(r, name + "-reader-" + n.getAndIncrement());
                t.setDaemon(true);
                return t;
            });
            int perWorker = prefetchSize > 0 ? (prefetchSize + readThreads - 1) / readThreads : 2;
            this.inFlight = readThreads * perWorker;
        }
    }

    private BatchReader newReader() {
        BatchReader r = readerFactory.get();
        synchronized (readers) {
            readers.add(r);
        }
        return r;
    }

    /** Starts an epoch (or evaluation) of {@code steps} batches in {@code order}. */
    void start(EpochSampleOrder epochOrder, long stepCount) {
        start(epochOrder, stepCount, RankProbe.NONE);
    }

    /** Starts an epoch whose reads the accelerator's {@code rankProbe} observes. */
    void start(EpochSampleOrder epochOrder, long stepCount, RankProbe rankProbe) {
        if (!queue.isEmpty()) {
            throw new IllegalStateException("previous epoch not drained");
        }
        this.probe = rankProbe;
        this.order = epochOrder;
        this.steps = stepCount;
        this.submitted = 0;
        fill();
    }

    /** Blocks until the next batch is loaded. */
    BatchResult next() throws IOException {
        if (pool == null) {
            if (submitted >= steps) {
                throw new IllegalStateException("no batch left in this epoch");
            }
            long first = submitted++ * order.batchSize();
            return threadReader.get().read(order, first, order.batchSize(), probe);
        }
        Future<BatchResult> f = queue.poll();
        if (f == null) {
            throw new IllegalStateException("no batch left in this epoch");
        }
        BatchResult batch;
        try {
            batch = f.get();
        } catch (InterruptedException e) {
            abandonEpoch();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a batch");
        } catch (ExecutionException e) {
            // the epoch ends with this error: load nothing more for it
            abandonEpoch();
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(c);
        }
        fill();
        return batch;
    }

    /** Drops the batches queued for this epoch and queues no more. */
    private void abandonEpoch() {
        cancelQueued();
        submitted = steps;
    }

    private void fill() {
        if (pool == null) {
            return;
        }
        EpochSampleOrder o = order;
        RankProbe p = probe;
        while (queue.size() < inFlight && submitted < steps) {
            long first = submitted++ * o.batchSize();
            int size = o.batchSize();
            queued.queued(o, first, size);
            queue.add(pool.submit(() -> threadReader.get().read(o, first, size, p)));
        }
    }

    private void cancelQueued() {
        for (Future<BatchResult> f : queue) {
            f.cancel(false);
        }
        for (Future<BatchResult> f : queue) {
            try {
                f.get();
            } catch (Exception ignored) {
                // cancelled or failed: the epoch is over either way
            }
        }
        queue.clear();
    }

    /**
     * Ends the phase every batch of which was taken with {@link #next}: each reader thread's files
     * are closed (no batch is in flight, so none of them is in use).
     */
    void endPhase() throws IOException {
        if (!queue.isEmpty()) {
            throw new IllegalStateException("the phase still has batches queued");
        }
        queued.phaseEnded();
        IOException first = null;
        synchronized (readers) {
            for (BatchReader r : readers) {
                try {
                    r.endPhase();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Per-sample and per-batch latencies of every reader thread. */
    ReadLatencies latencies() {
        ReadLatencies all = ReadLatencies.empty();
        synchronized (readers) {
            for (BatchReader r : readers) {
                all.merge(r.latencies());
            }
        }
        return all;
    }

    @Override
    public void close() throws IOException {
        cancelQueued();
        queued.phaseEnded();
        if (pool != null) {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        IOException first = null;
        synchronized (readers) {
            for (BatchReader r : readers) {
                try {
                    r.close();
                } catch (IOException e) {
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
