package org.dlioparquet.core.format.parquet;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

/**
 * File bytes already read from storage, kept so that asking for them again is served from memory:
 * what lets a file whose rows are read in shuffled order be read from storage once (pages behind
 * the one being served, row groups already left). Ranges never overlap; keeping stops at
 * {@code limit} bytes, after which new reads go to storage every time. Not thread-safe.
 */
final class RetainedRanges {
    private final long limit;
    private final TreeMap<Long, byte[]> ranges = new TreeMap<>();
    private long bytes;

    RetainedRanges(long limit) {
        this.limit = limit;
    }

    /**
     * Copies into {@code dst} the kept bytes starting at {@code position}, as many as are kept
     * contiguously from there and fit.
     *
     * @return bytes copied; 0 when {@code position} is not kept
     */
    int copy(long position, ByteBuffer dst) {
        Map.Entry<Long, byte[]> e = ranges.floorEntry(position);
        if (e == null) {
            return 0;
        }
        long offset = position - e.getKey();
        byte[] range = e.getValue();
        if (offset >= range.length) {
            return 0;
        }
        int n = (int) Math.min(dst.remaining(), range.length - offset);
        dst.put(range, (int) offset, n);
        return n;
    }

    /** Bytes from {@code position} up to the next kept range: how far a read from storage should go. */
    long unkeptFrom(long position) {
        Long next = ranges.higherKey(position);
        return next == null ? Long.MAX_VALUE : next - position;
    }

    /** Keeps {@code length} bytes of {@code src} read at {@code position} (not kept before), while within the limit. */
    void keep(long position, ByteBuffer src, int length) {
        if (length <= 0 || bytes + length > limit) {
            return;
        }
        byte[] copy = new byte[length];
        src.get(copy);
        ranges.put(position, copy);
        bytes += length;
    }

    /** Bytes kept. */
    long bytes() {
        return bytes;
    }
}
