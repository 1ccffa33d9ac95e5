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
    /** Source bytes per tile of rows. */
    private static final int TILE_BYTES = 16 << 10;

    private Transpose() {
    }

    /**
     * {@code dst[dstOffset + c*dstStride + r*w .. +w] = src[r*srcStride + c*w .. +w]} for every
     * row {@code r < rows} and column {@code c < cols}.
     */
    static void elements(byte[] src, int srcStride, byte[] dst, int dstOffset, int dstStride, int rows, int cols,
                         int w) {
        int tileRows = Math.max(8, TILE_BYTES / Math.max(1, srcStride)) & ~7;
        for (int r0 = 0; r0 < rows; r0 += tileRows) {
            int r1 = Math.min(rows, r0 + tileRows);
            int c = 0;
            if (w == 1) {
                int fullRows = r0 + ((r1 - r0) & ~7);
                for (; c + 8 <= cols; c += 8) {
                    blocks8x8(src, srcStride, dst, dstOffset, dstStride, r0, fullRows, c);
                    one(src, srcStride, dst, dstOffset, dstStride, fullRows, r1, c, c + 8, 1);
                }
            }
            one(src, srcStride, dst, dstOffset, dstStride, r0, r1, c, cols, w);
        }
    }

    /** Element by element, for what the 8x8 blocks leave. */
    private static void one(byte[] src, int srcStride, byte[] dst, int dstOffset, int dstStride, int r0, int r1,
                            int c0, int c1, int w) {
        for (int c = c0; c < c1; c++) {
            int to = dstOffset + c * dstStride + r0 * w;
            int from = r0 * srcStride + c * w;
            for (int r = r0; r < r1; r++, to += w, from += srcStride) {
                ElementCopy.copy(src, from, dst, to, w);
            }
        }
    }

    /**
     * Rows {@code r0 .. r1} (a multiple of 8 apart) of byte columns {@code c .. c+7}, 8x8 bytes at a
     * time: eight rows are loaded as eight longs, transposed in registers, and stored as eight
     * columns. The kernel stays in the loop: split into its own method, the JIT left the array view
     * accesses out of line and ran at half the speed.
     */
    private static void blocks8x8(byte[] src, int srcStride, byte[] dst, int dstOffset, int dstStride, int r0, int r1,
                                  int c) {
        final long m32 = 0x00000000FFFFFFFFL;
        final long m16 = 0x0000FFFF0000FFFFL;
        final long m8 = 0x00FF00FF00FF00FFL;
        for (int r = r0; r < r1; r += 8) {
            int from = r * srcStride + c;
            int to = dstOffset + c * dstStride + r;
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
