package org.dlioparquet.core.storage.s3;

import java.util.concurrent.ArrayBlockingQueue;
import org.dlioparquet.core.storage.PartLengths;

/**
 * Byte arrays of the read part size, reused by the GETs of every object of one S3 storage. An
 * epoch streams its dataset through part-sized arrays: allocated anew, each is zeroed first and
 * (at 8 MiB) is a humongous object to G1, and the collections they caused took about 5 % of an
 * S3 epoch in pauses on two cores shared with the server. A range of at most half a part gets an
 * array of its own size, so a footer does not hold a whole part.
 */
final class PartBuffers {
    private final int partBytes;
    /** The length of the arrays kept: the longest part a GET fetches. */
    private final int arrayBytes;
    private final ArrayBlockingQueue<byte[]> free;

    /** @param keptBytes at most this many bytes of arrays are kept between uses */
    PartBuffers(int partBytes, long keptBytes) {
        this.partBytes = partBytes;
        this.arrayBytes = (int) Math.min(Integer.MAX_VALUE - 8, PartLengths.longest(partBytes));
        this.free = new ArrayBlockingQueue<>((int) Math.max(1, Math.min(1024, keptBytes / Math.max(1, arrayBytes))));
    }

    /** An array of at least {@code length} bytes, with whatever bytes it held before. */
    byte[] take(int length) {
        if (length <= partBytes / 2 || length > arrayBytes) {
            return new byte[length];
        }
        byte[] kept = free.poll();
        return kept != null ? kept : new byte[arrayBytes];
    }

    /** Gives back an array from {@link #take} that nothing reads any more. */
    void give(byte[] array) {
        if (array.length == arrayBytes) {
            free.offer(array);
        }
    }

    /** Arrays kept for reuse (for tests). */
    int kept() {
        return free.size();
    }
}
