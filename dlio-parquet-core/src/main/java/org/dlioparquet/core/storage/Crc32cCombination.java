package org.dlioparquet.core.storage;

/**
 * The CRC32C of two byte ranges one after the other from the CRC32C of each and the length of the
 * second, without their bytes: ranges written by different threads are checksummed where they
 * are written and joined in file order. The CRC is a remainder of polynomials over GF(2), so
 * appending {@code n} bytes multiplies the first remainder by {@code x^(8n)} modulo the polynomial
 * (computed by repeated squaring) before the second is added; the initial and final inversions of
 * CRC32C cancel out.
 */
final class Crc32cCombination {
    /** The Castagnoli polynomial, bit-reversed as CRC32C computes. */
    private static final int POLYNOMIAL = 0x82F63B78;
    /** {@code X_POW_2K[k] = x^(2^k)} modulo the polynomial, for every bit of a length in bytes, times 8. */
    private static final int[] X_POW_2K = new int[Long.SIZE + 3];

    static {
        X_POW_2K[0] = 1 << 30; // x^1: bit 31 - 1 in the reversed order
        for (int k = 1; k < X_POW_2K.length; k++) {
            X_POW_2K[k] = multiply(X_POW_2K[k - 1], X_POW_2K[k - 1]);
        }
    }

    private Crc32cCombination() {
    }

    /** The CRC32C of {@code first} then {@code second}, given each one's CRC32C and the second's length. */
    static int combine(int firstCrc, int secondCrc, long secondLength) {
        if (secondLength < 0) {
            throw new IllegalArgumentException("negative length " + secondLength);
        }
        return multiply(xPowEightTimes(secondLength), firstCrc) ^ secondCrc;
    }

    /** {@code x^(8n)} modulo the polynomial: the product of the {@code x^(2^k)} of n's bits, shifted by 3. */
    private static int xPowEightTimes(long n) {
        int p = 1 << 31; // x^0
        for (int k = 3; n != 0; n >>>= 1, k++) {
            if ((n & 1) != 0) {
                p = multiply(X_POW_2K[k], p);
            }
        }
        return p;
    }

    /** {@code a * b} modulo the polynomial, both bit-reversed (bit 31 is x^0). */
    private static int multiply(int a, int b) {
        int product = 0;
        for (int m = 1 << 31; m != 0; m >>>= 1) {
            if ((a & m) != 0) {
                product ^= b;
            }
            b = (b & 1) != 0 ? (b >>> 1) ^ POLYNOMIAL : b >>> 1;
        }
        return product;
    }
}
