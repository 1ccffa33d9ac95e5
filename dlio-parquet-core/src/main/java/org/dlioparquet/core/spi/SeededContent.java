package org.dlioparquet.core.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.dlioparquet.core.ElementType;

/**
 * The seeded pseudo-random stream every generator draws sample contents from (SplitMix64: fast,
 * splittable, good enough for synthetic data). Contents depend only on the seed, so a file is
 * byte-identical whatever thread, rank or run writes it, and sample {@code k} of a file holds the
 * same values in every format.
 *
 * <p>Integer types get uniformly random bits; floating types get values in {@code [0, 1)} (as
 * DLIO's generators produce); bool gets 0 or 1.
 */
public final class SeededContent {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final VarHandle LONGS_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private long state;

    public SeededContent(long seed) {
        this.state = seed;
    }

    /**
     * The stream of {@code seed} from its {@code word}-th 64-bit draw on (0 = the start): the stream
     * is a counter, so several threads can each fill one part of a long stream (a checkpoint file
     * of many GiB) and the parts join exactly as one thread would have filled them.
     */
    public static SeededContent startingAt(long seed, long word) {
        return new SeededContent(seed + GOLDEN * word);
    }

    /** Derives an independent seed from a parent seed and an index (file number, sample number). */
    public static long mix(long seed, long index) {
        return finalizer(seed + GOLDEN * (index + 1));
    }

    private static long finalizer(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        return finalizer(state += GOLDEN);
    }

    /** Uniform in {@code [0, bound)}. */
    public int nextInt(int bound) {
        return (int) (((nextLong() >>> 33) * bound) >>> 31);
    }

    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * Fills {@code len} bytes of {@code dst} from {@code off} with elements of {@code type}.
     *
     * <p>Every 8 bytes of output come from one 64-bit draw (8 uint8, 4 float16, 2 float32, 1 float64,
     * 8 bools), so a sample filled in several calls gets the same bytes as in one call, provided
     * every call but the last fills a multiple of 8 bytes.
     */
    public void fill(byte[] dst, int off, int len, ElementType type) {
        if (len % type.size() != 0) {
            throw new IllegalArgumentException(len + " bytes is not a whole number of " + type + " elements");
        }
        int i = off;
        int end = off + len;
        if (isRawBits(type)) {
            // the bulk of every dataset: four independent draws per step keep the multipliers busy
            long s = state;
            for (; i + 32 <= end; i += 32) {
                LONGS_LE.set(dst, i, finalizer(s + GOLDEN));
                LONGS_LE.set(dst, i + 8, finalizer(s + 2 * GOLDEN));
                LONGS_LE.set(dst, i + 16, finalizer(s + 3 * GOLDEN));
                LONGS_LE.set(dst, i + 24, finalizer(s += 4 * GOLDEN));
            }
            state = s;
        }
        for (; i + 8 <= end; i += 8) {
            LONGS_LE.set(dst, i, word(type, nextLong()));
        }
        if (i < end) {
            long last = word(type, nextLong());
            for (; i < end; i++) {
                dst[i] = (byte) last;
                last >>>= 8;
            }
        }
    }

    /** Fills the remaining bytes of {@code dst} (a multiple of the element size) and advances its position. */
    public void fill(ByteBuffer dst, ElementType type) {
        int len = dst.remaining();
        if (dst.hasArray()) {
            fill(dst.array(), dst.arrayOffset() + dst.position(), len, type);
            dst.position(dst.limit());
            return;
        }
        if (len % type.size() != 0) {
            throw new IllegalArgumentException(len + " bytes is not a whole number of " + type + " elements");
        }
        ByteOrder order = dst.order();
        dst.order(ByteOrder.LITTLE_ENDIAN);
        if (isRawBits(type)) {
            int p = dst.position();
            int end = dst.limit();
            long s = state;
            for (; p + 32 <= end; p += 32) {
                dst.putLong(p, finalizer(s + GOLDEN));
                dst.putLong(p + 8, finalizer(s + 2 * GOLDEN));
                dst.putLong(p + 16, finalizer(s + 3 * GOLDEN));
                dst.putLong(p + 24, finalizer(s += 4 * GOLDEN));
            }
            state = s;
            dst.position(p);
        }
        while (dst.remaining() >= 8) {
            dst.putLong(word(type, nextLong()));
        }
        if (dst.hasRemaining()) {
            long last = word(type, nextLong());
            while (dst.hasRemaining()) {
                dst.put((byte) last);
                last >>>= 8;
            }
        }
        dst.order(order);
    }

    /** Integer types take a draw's bits as they are ({@link #word} returns {@code r}). */
    private static boolean isRawBits(ElementType type) {
        return !type.isFloating() && type != ElementType.BOOL;
    }

    /** The 8 little-endian output bytes that one draw {@code r} becomes for {@code type}. */
    private static long word(ElementType type, long r) {
        switch (type) {
            case BOOL:
                return r & 0x0101010101010101L;
            case FLOAT16: {
                long w = 0;
                for (int k = 0; k < 4; k++) {
                    w |= (halfOf((int) (r >>> (53 - 11 * k)) & 0x7FF) & 0xFFFFL) << (16 * k);
                }
                return w;
            }
            case FLOAT32: {
                long lo = Float.floatToRawIntBits((r >>> 40) * 0x1.0p-24f) & 0xFFFFFFFFL;
                long hi = Float.floatToRawIntBits(((r >>> 8) & 0xFFFFFF) * 0x1.0p-24f) & 0xFFFFFFFFL;
                return lo | (hi << 32);
            }
            case FLOAT64:
                return Double.doubleToRawLongBits((r >>> 11) * 0x1.0p-53);
            default:
                return r;
        }
    }

    /** IEEE half-precision bits of {@code k / 2048}, exact for {@code 0 <= k < 2048}. */
    static short halfOf(int k) {
        if (k == 0) {
            return 0;
        }
        int e = 31 - Integer.numberOfLeadingZeros(k);
        int mantissa = (k - (1 << e)) << (10 - e);
        return (short) (((e + 4) << 10) | mantissa);
    }
}
