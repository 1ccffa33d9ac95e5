package org.dlioparquet.core.format.npy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Transposes a matrix of elements between byte arrays: DLIO's arrays put the sample index last,
 * so turning them sample-major is a transpose of (elements x samples). Done in tiles that stay in
 * the L1 cache; one-byte elements (DLIO's default {@code uint8}) move as 8x8 blocks through eight
 * 64-bit registers instead of byte by byte.
 */
final class Transpose {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Bytes of the compact side per tile (rows of the source, or of the destination). */
    private static final int TILE_BYTES = 16 << 10;
    /** One cache line. */
    private static final int SLOT_PADDING = 64;
    private static final int PAGE = 4096;

    private Transpose() {
    }

    /**
     * The distance to give rows of {@code bytes} that are written (or read) side by side: rows a
     * multiple of 4 KiB apart would put the eight streams the transpose walks at once into one
     * cache set and evict each other (4K aliasing), so rows of a page and more get one cache line
     * of gap. Shorter rows spread over the sets anyway; padding them measured no faster.
     */
    static int paddedStride(int bytes) {
        return bytes >= PAGE ? bytes + SLOT_PADDING : bytes;
    }

    /**
     * {@code dst[dstOffset + c*dstStride + r*w .. +w] = src[srcOffset + r*srcStride + c*w .. +w]}
     * for every row {@code r < rows} and column {@code c < cols}.
     */
    static void elements(byte[] src, int srcOffset, int srcStride, byte[] dst, int dstOffset, int dstStride,
                         int rows, int cols, int w) {
        if (w == 1) {
            bytes(src, srcOffset, srcStride, dst, dstOffset, dstStride, rows, cols);
            return;
        }
        int tileRows = Math.max(8, TILE_BYTES / Math.max(1, srcStride));
        for (int r0 = 0; r0 < rows; r0 += tileRows) {
            one(src, srcOffset, srcStride, dst, dstOffset, dstStride, r0, Math.min(rows, r0 + tileRows), 0, cols, w);
        }
    }

    /**
     * One-byte elements as 8x8 blocks. A block reads eight source rows and writes eight
     * destination rows; successive blocks walk along the side whose rows are far apart (eight
     * sequential streams), over tiles of the other side small enough to stay in the L1 cache, so
     * few pages are touched at once. The rows and columns past the last multiple of 8 go one by one.
     */
    private static void bytes(byte[] src, int srcOffset, int srcStride, byte[] dst, int dstOffset, int dstStride,
                              int rows, int cols) {
        int fullRows = rows & ~7;
        int fullCols = cols & ~7;
        if (srcStride >= dstStride) {
            int tileCols = Math.max(8, TILE_BYTES / Math.max(1, dstStride)) & ~7;
            for (int c0 = 0; c0 < fullCols; c0 += tileCols) {
                int blocks = (Math.min(fullCols, c0 + tileCols) - c0) / 8;
                for (int r = 0; r < fullRows; r += 8) {
                    blocks8x8(src, srcStride, dst, dstStride, srcOffset + r * srcStride + c0,
                            dstOffset + c0 * dstStride + r, blocks, 8, 8 * dstStride);
                }
            }
        } else {
            int tileRows = Math.max(8, TILE_BYTES / Math.max(1, srcStride)) & ~7;
            for (int r0 = 0; r0 < fullRows; r0 += tileRows) {
                int blocks = (Math.min(fullRows, r0 + tileRows) - r0) / 8;
                for (int c = 0; c < fullCols; c += 8) {
                    blocks8x8(src, srcStride, dst, dstStride, srcOffset + r0 * srcStride + c,
                            dstOffset + c * dstStride + r0, blocks, 8 * srcStride, 8);
                }
            }
        }
        one(src, srcOffset, srcStride, dst, dstOffset, dstStride, fullRows, rows, 0, cols, 1);
        one(src, srcOffset, srcStride, dst, dstOffset, dstStride, 0, fullRows, fullCols, cols, 1);
    }

    /** Element by element, for what the 8x8 blocks leave. */
    private static void one(byte[] src, int srcOffset, int srcStride, byte[] dst, int dstOffset, int dstStride,
                            int r0, int r1, int c0, int c1, int w) {
        for (int c = c0; c < c1; c++) {
            int to = dstOffset + c * dstStride + r0 * w;
            int from = srcOffset + r0 * srcStride + c * w;
            for (int r = r0; r < r1; r++, to += w, from += srcStride) {
                ElementCopy.copy(src, from, dst, to, w);
            }
        }
    }

    /**
     * {@code blocks} 8x8 blocks of bytes, the first at {@code from} (source) and {@code to}
     * (destination), each next one {@code fromStep} and {@code toStep} bytes further: eight source
     * rows are loaded as eight longs, transposed in registers, and stored as eight destination
     * rows. The kernel stays in this loop: as a method of its own per block, the JIT left the array
     * view accesses out of line and ran at half the speed.
     */
    private static void blocks8x8(byte[] src, int srcStride, byte[] dst, int dstStride, int from, int to, int blocks,
                                  int fromStep, int toStep) {
        final long m32 = 0x00000000FFFFFFFFL;
        final long m16 = 0x0000FFFF0000FFFFL;
        final long m8 = 0x00FF00FF00FF00FFL;
        for (int b = 0; b < blocks; b++, from += fromStep, to += toStep) {
            long a0 = (long) LONGS.get(src, from);
            long a1 = (long) LONGS.get(src, from + srcStride);
            long a2 = (long) LONGS.get(src, from + 2 * srcStride);
            long a3 = (long) LONGS.get(src, from + 3 * srcStride);
            long a4 = (long) LONGS.get(src, from + 4 * srcStride);
            long a5 = (long) LONGS.get(src, from + 5 * srcStride);
            long a6 = (long) LONGS.get(src, from + 6 * srcStride);
            long a7 = (long) LONGS.get(src, from + 7 * srcStride);
            // swap the off-diagonal 4x4 blocks, then the 2x2 blocks within them, then single bytes
            long t;
            t = ((a0 >>> 32) ^ a4) & m32; a0 ^= t << 32; a4 ^= t;
            t = ((a1 >>> 32) ^ a5) & m32; a1 ^= t << 32; a5 ^= t;
            t = ((a2 >>> 32) ^ a6) & m32; a2 ^= t << 32; a6 ^= t;
            t = ((a3 >>> 32) ^ a7) & m32; a3 ^= t << 32; a7 ^= t;
            t = ((a0 >>> 16) ^ a2) & m16; a0 ^= t << 16; a2 ^= t;
            t = ((a1 >>> 16) ^ a3) & m16; a1 ^= t << 16; a3 ^= t;
            t = ((a4 >>> 16) ^ a6) & m16; a4 ^= t << 16; a6 ^= t;
            t = ((a5 >>> 16) ^ a7) & m16; a5 ^= t << 16; a7 ^= t;
            t = ((a0 >>> 8) ^ a1) & m8; a0 ^= t << 8; a1 ^= t;
            t = ((a2 >>> 8) ^ a3) & m8; a2 ^= t << 8; a3 ^= t;
            t = ((a4 >>> 8) ^ a5) & m8; a4 ^= t << 8; a5 ^= t;
            t = ((a6 >>> 8) ^ a7) & m8; a6 ^= t << 8; a7 ^= t;
            LONGS.set(dst, to, a0);
            LONGS.set(dst, to + dstStride, a1);
            LONGS.set(dst, to + 2 * dstStride, a2);
            LONGS.set(dst, to + 3 * dstStride, a3);
            LONGS.set(dst, to + 4 * dstStride, a4);
            LONGS.set(dst, to + 5 * dstStride, a5);
            LONGS.set(dst, to + 6 * dstStride, a6);
            LONGS.set(dst, to + 7 * dstStride, a7);
        }
    }
}
