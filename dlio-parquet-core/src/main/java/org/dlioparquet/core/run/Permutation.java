package org.dlioparquet.core.run;

import org.dlioparquet.core.spi.SeededContent;

/**
 * A seeded random bijection of {@code [0, n)} evaluated point by point: a 4-round Feistel network
 * over the smallest even-bit domain that holds {@code n}, with cycle walking back into range.
 * Shuffling an epoch of 64 million samples this way costs no memory at all, where an explicit
 * permutation array would cost 256 MB per reader.
 */
final class Permutation {
    private static final int ROUNDS = 4;

    private final long n;
    private final int halfBits;
    private final long halfMask;
    private final long[] keys = new long[ROUNDS];
    private final boolean identity;

    private Permutation(long n, long seed, boolean identity) {
        this.n = n;
        this.identity = identity;
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1)));
        if ((bits & 1) == 1) {
            bits++;
        }
        this.halfBits = bits / 2;
        this.halfMask = (1L << halfBits) - 1;
        for (int r = 0; r < ROUNDS; r++) {
            keys[r] = SeededContent.mix(seed, r);
        }
    }

    static Permutation identity(long n) {
        return new Permutation(n, 0, true);
    }

    static Permutation shuffled(long n, long seed) {
        return new Permutation(n, seed, false);
    }

    /** The position that {@code i} moves to. */
    long apply(long i) {
        if (identity) {
            return i;
        }
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException(i + " of " + n);
        }
        long x = i;
        do {
            x = encrypt(x);
        } while (x >= n);
        return x;
    }

    private long encrypt(long x) {
        long left = x >>> halfBits;
        long right = x & halfMask;
        for (int r = 0; r < ROUNDS; r++) {
            long f = SeededContent.mix(keys[r], right) & halfMask;
            long next = left ^ f;
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }
}
