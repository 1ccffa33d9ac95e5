package org.dlioparquet.core.storage.s3;

import java.util.ArrayDeque;
import org.dlioparquet.core.storage.PartLengths;

/**
 * Byte arrays of the read part size, reused by the GETs of every object of one S3 storage. An
 * epoch streams its dataset through part-sized arrays: allocated anew, each is zeroed first and
 * (at 8 MiB) is a humongous object to G1, and the collections they caused took about 5 % of an
 * S3 epoch in pauses on two cores shared with the server. The pool keeps as many arrays as were
 * ever out at once (objects opened ahead each hold their parts), and at least the read buffer's
 * worth. A range of at most half a part gets an array of its own size, so a footer does not hold a
 * whole part.
 */
final class PartBuffers {
    private final int partBytes;
    /** The length of the arrays kept: the longest part a GET fetches. */
    private final int arrayBytes;
    private final int minKept;
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    /** Arrays of {@link #arrayBytes} taken and not given back, and the most there ever were. */
    private int out;
    private int peakOut;

    /** @param keptBytes at least this many bytes of arrays are kept between uses */
    PartBuffers(int partBytes, long keptBytes) {
        this.partBytes = partBytes;
        this.arrayBytes = (int) Math.min(Integer.MAX_VALUE - 8, PartLengths.longest(partBytes));
        this.minKept = (int) Math.max(1, Math.min(1024, keptBytes / Math.max(1, arrayBytes)));
    }

    /** An array of at least {@code length} bytes, with whatever bytes it held before. */
    byte[] take(int length) {
        if (length <= partBytes / 2 || length > arrayBytes) {
            return new byte[length];
        }
        byte[] kept;
        synchronized (this) {
            peakOut = Math.max(peakOut, ++out);
            kept = free.poll();
        }
        return kept != null ? kept : new byte[arrayBytes];
    }

    /** Gives back an array from {@link #take} that nothing reads any more. */
    void give(byte[] array) {
        if (array.length != arrayBytes) {
            return;
        }
        synchronized (this) {
            out = Math.max(0, out - 1);
            if (free.size() < Math.max(minKept, peakOut)) {
                free.push(array);
            }
        }
    }

    /** Arrays kept for reuse (for tests). */
    synchronized int kept() {
        return free.size();
    }
}
