package org.dlioparquet.core.format.npy;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Arrays of closed files' {@link SampleMajorArray}s, handed to the next file that keeps an array of
 * the same length. A DLIO dataset's files are all one size, and a reader thread going through them
 * in order closes one for each it opens; a new array of tens of MiB per file cost as much as
 * reading it (the JVM zeroes it, in memory the heap may not have touched yet). An array taken from
 * here holds an earlier file's bytes; {@code SampleMajorArray.load} overwrites every byte it
 * shows. Spares are kept up to a number of bytes. Thread-safe: the reader threads of one format
 * reader share it.
 */
public final class SpareArrays {
    /** Keeps nothing: every array is new. */
    public static final SpareArrays NONE = new SpareArrays(0);

    private final long maxBytes;
    private final ArrayDeque<byte[]> spares = new ArrayDeque<>();
    private long bytes;

    /** Spares of up to the largest array a reader keeps whole, so that a closed file's array serves the next file. */
    public static SpareArrays upToOneKeptArray() {
        return new SpareArrays(SampleMajorArray.largestKept());
    }

    /** @param maxBytes bytes of spare arrays kept at most */
    public SpareArrays(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A spare array of exactly {@code length} bytes (stale contents), or a new one. */
    synchronized byte[] take(int length) {
        for (Iterator<byte[]> it = spares.iterator(); it.hasNext(); ) {
            byte[] a = it.next();
            if (a.length == length) {
                it.remove();
                bytes -= length;
                return a;
            }
        }
        return new byte[length];
    }

    /** Keeps {@code array} for a later {@link #take}, dropping the oldest spares beyond the limit. */
    synchronized void give(byte[] array) {
        if (array.length > maxBytes) {
            return;
        }
        spares.addLast(array);
        bytes += array.length;
        while (bytes > maxBytes) {
            bytes -= spares.removeFirst().length;
        }
    }

    /** Bytes of the spares kept (for tests). */
    public synchronized long bytes() {
        return bytes;
    }
}
