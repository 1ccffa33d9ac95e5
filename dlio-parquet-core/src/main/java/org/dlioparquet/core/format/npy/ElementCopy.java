package org.dlioparquet.core.format.npy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Copies one element of 1, 2, 4 or 8 bytes between byte arrays. The strided loops that
 * interleave and gather samples move one element at a time, where {@code System.arraycopy}'s
 * per-call cost dominates; a single wide load and store is several times faster.
 */
final class ElementCopy {
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private ElementCopy() {
    }

    static void copy(byte[] src, int from, byte[] dst, int to, int size) {
        switch (size) {
            case 1 -> dst[to] = src[from];
            case 2 -> SHORTS.set(dst, to, (short) SHORTS.get(src, from));
            case 4 -> INTS.set(dst, to, (int) INTS.get(src, from));
            case 8 -> LONGS.set(dst, to, (long) LONGS.get(src, from));
            default -> System.arraycopy(src, from, dst, to, size);
        }
    }
}
