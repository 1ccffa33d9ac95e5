package org.dlioparquet.core.format.npz;

import java.util.ArrayDeque;
import java.util.zip.Inflater;

/**
 * Raw-deflate {@link Inflater}s handed back by closed members for the next to use. Each holds
 * native zlib state that costs an allocation and a JNI call to make and to free, and with
 * {@code on_demand} reads or one-sample files every sample opens a member. Keeps at most
 * {@code maxKept}; the rest are ended at once rather than left to the cleaner. Thread-safe.
 */
final class InflaterPool {
    private final int maxKept;
    private final ArrayDeque<Inflater> spare = new ArrayDeque<>();

    InflaterPool(int maxKept) {
        this.maxKept = maxKept;
    }

    /** A reset inflater for raw deflate data (no zlib wrapper, as in ZIP). */
    Inflater take() {
        Inflater i;
        synchronized (this) {
            i = spare.pollFirst();
        }
        return i != null ? i : new Inflater(true);
    }

    /** Returns an inflater taken earlier, in any state. */
    void give(Inflater inflater) {
        inflater.reset();
        synchronized (this) {
            if (spare.size() < maxKept) {
                spare.addFirst(inflater);
                return;
            }
        }
        inflater.end();
    }

    /** Inflaters kept (for tests). */
    synchronized int kept() {
        return spare.size();
    }
}
