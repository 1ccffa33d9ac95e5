package org.dlioparquet.core.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Direct buffers handed back by closed files for the next file to use: a reader thread opens file
 * after file (with {@code on_demand} reads, once per sample; unet3d keeps one sample per file), and
 * allocating and freeing direct memory each time would cost more than reading a small file. Reads
 * into a direct buffer also spare the copy through the JDK's own temporary direct buffer. Keeps at
 * most {@code maxKept} buffers, so what it holds is bounded by that many buffers; a pool made by
 * {@link #growingWithUse} also keeps as many as were ever out at once. Thread-safe.
 */
public final class DirectBufferPool {
    /** Capacities are rounded up to this, so that slightly different pages share buffers. */
    private static final int GRANULE = 64 << 10;

    private final int maxKept;
    private final boolean growing;
    /** Makes a buffer of a capacity when no spare fits. */
    private final IntFunction<ByteBuffer> allocator;
    private final ArrayDeque<ByteBuffer> spare = new ArrayDeque<>();
    /** Buffers taken and not given back yet, and the most there ever were (counted when growing). */
    private int out;
    private int peakOut;

    public DirectBufferPool(int maxKept) {
        this(maxKept, false, ByteBuffer::allocateDirect);
    }

    /** @param allocator makes a buffer of the capacity it is given (any byte order) when no spare fits */
    public DirectBufferPool(int maxKept, IntFunction<ByteBuffer> allocator) {
        this(maxKept, false, allocator);
    }

    private DirectBufferPool(int maxKept, boolean growing, IntFunction<ByteBuffer> allocator) {
        this.maxKept = maxKept;
        this.growing = growing;
        this.allocator = allocator;
    }

    /**
     * A pool that keeps at least {@code minKept} buffers, and as many as were ever taken and not yet
     * given back at once: a reader whose threads each hold a buffer per projected column gets them
     * all back for its next files, however many columns and threads there are, and the pool never
     * keeps more buffers than were in use at the busiest moment. Every buffer given must have been taken.
     */
    public static DirectBufferPool growingWithUse(int minKept) {
        return new DirectBufferPool(minKept, true, ByteBuffer::allocateDirect);
    }

    /**
     * A little-endian direct buffer of at least {@code minCapacity} bytes, cleared: the smallest
     * spare that fits, so that a small request (a header) does not take the buffer a large one
     * (a page) would have reused.
     */
    public synchronized ByteBuffer take(int minCapacity) {
        if (growing) {
            peakOut = Math.max(peakOut, ++out);
        }
        ByteBuffer best = null;
        for (ByteBuffer b : spare) {
            if (b.capacity() >= minCapacity && (best == null || b.capacity() < best.capacity())) {
                best = b;
            }
        }
        if (best != null) {
            spare.remove(best);
            return best.clear();
        }
        long rounded = (minCapacity + (long) GRANULE - 1) / GRANULE * GRANULE;
        int capacity = (int) Math.min(rounded, Integer.MAX_VALUE - 8L);
        return allocator.apply(Math.max(capacity, minCapacity)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Returns a buffer taken earlier; the smallest is dropped when the pool is full. */
    public synchronized void give(ByteBuffer b) {
        spare.addFirst(b);
        if (growing) {
            out--;
        }
        if (spare.size() > Math.max(maxKept, peakOut)) {
            ByteBuffer smallest = spare.getFirst();
            for (ByteBuffer s : spare) {
                if (s.capacity() < smallest.capacity()) {
                    smallest = s;
                }
            }
            spare.remove(smallest);
        }
    }

    /** Capacities of the buffers kept (for tests). */
    public synchronized List<Integer> capacities() {
        return spare.stream().map(ByteBuffer::capacity).toList();
    }
}
