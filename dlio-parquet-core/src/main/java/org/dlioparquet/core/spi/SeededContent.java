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
 *
 * <p>{@link #fill} draws its first {@value #PERIOD} words (32 KiB) from SplitMix64 as
 * {@link #nextLong} does; every later word is word {@code j % PERIOD} of those XOR a key drawn
 * once per period of {@value #PERIOD} words from a second SplitMix64 stream. Mixing each word cost
 * about as much as writing it to the page cache; a load and a XOR (which the JIT vectorises) cost
 * a fraction, and the bytes stay as incompressible to a compressor (no byte run repeats) and as
 * reproducible from the seed. {@link #nextLong} and its kin always draw from SplitMix64.
 */
public final class SeededContent {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** {@code GOLDEN * GOLDEN_INVERSE == 1} modulo 2^64: turns a state back into a count of draws. */
    private static final long GOLDEN_INVERSE = inverse(GOLDEN);
    /** Words {@link #fill} mixes with SplitMix64 before it repeats them under a new key: 32 KiB, in L1. */
    static final int PERIOD = 4096;
    private static final int PERIOD_BITS = Integer.numberOfTrailingZeros(PERIOD);
    private static final VarHandle LONGS_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Per thread: the arrays a fill works in, so that a fill allocates nothing. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** The seed: the stream's state before its first draw. */
    private final long origin;
    private long state;

    public SeededContent(long seed) {
        this(seed, 0);
    }

    private SeededContent(long seed, long word) {
        this.origin = seed;
        this.state = seed + GOLDEN * word;
    }

    /**
     * The stream of {@code seed} from its {@code word}-th 64-bit draw on (0 = the start): the stream
     * is a counter, so several threads can each fill one part of a long stream (a checkpoint file
     * of many GiB) and the parts join exactly as one thread would have filled them.
     */
    public static SeededContent startingAt(long seed, long word) {
        return new SeededContent(seed, word);
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
     * <p>Every 8 bytes of output come from one 64-bit word (8 uint8, 4 float16, 2 float32, 1 float64,
     * 8 bools), so a sample filled in several calls gets the same bytes as in one call, provided
     * every call but the last fills a multiple of 8 bytes.
     */
    public void fill(byte[] dst, int off, int len, ElementType type) {
        if (len % type.size() != 0) {
            throw new IllegalArgumentException(len + " bytes is not a whole number of " + type + " elements");
        }
        Scratch scratch = SCRATCH.get();
        long[] words = scratch.words;
        boolean raw = isRawBits(type);
        int i = off;
        int end = off + len;
        while (end - i >= 8) {
            long j = drawn();
            int left = (end - i) >>> 3;
            if (raw && Long.compareUnsigned(j, PERIOD) >= 0) {
                // the bulk of every dataset: keyed words straight into the array
                long[] first = period(scratch);
                long key = key(j);
                int at = (int) (j & (PERIOD - 1));
                int n = Math.min(left, PERIOD - at);
                for (int k = 0; k < n; k++) { // vectorised by C2
                    LONGS_LE.set(dst, i + 8 * k, first[at + k] ^ key);
                }
                state += GOLDEN * n;
                i += 8 * n;
                continue;
            }
            long[] into = keepsFirstPeriod(j, left, scratch) ? firstPeriod(scratch) : words;
            int n = draw(into, left, scratch);
            for (int k = 0; k < n; k++) {
                LONGS_LE.set(dst, i + 8 * k, raw ? into[k] : word(type, into[k]));
            }
            i += 8 * n;
        }
        if (i < end) {
            draw(words, 1, scratch);
            long last = word(type, words[0]);
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
        Scratch scratch = SCRATCH.get();
        long[] words = scratch.words;
        boolean raw = isRawBits(type);
        ByteOrder order = dst.order();
        dst.order(ByteOrder.LITTLE_ENDIAN);
        while (dst.remaining() >= 8) {
            int left = dst.remaining() >>> 3;
            long[] into = keepsFirstPeriod(drawn(), left, scratch) ? firstPeriod(scratch) : words;
            int n = draw(into, left, scratch);
            if (!raw) {
                for (int k = 0; k < n; k++) {
                    words[k] = word(type, into[k]);
                }
                into = words;
            }
            // one bulk copy: C2 does not vectorise stores to direct memory
            dst.asLongBuffer().put(into, 0, n);
            dst.position(dst.position() + 8 * n);
        }
        if (dst.hasRemaining()) {
            draw(words, 1, scratch);
            long last = word(type, words[0]);
            while (dst.hasRemaining()) {
                dst.put((byte) last);
                last >>>= 8;
            }
        }
        dst.order(order);
    }

    /**
     * Puts the fill stream's next words into {@code into}: at most {@code max}, and none past the
     * end of the current period.
     *
     * @return how many
     */
    private int draw(long[] into, int max, Scratch scratch) {
        long j = drawn();
        int at = (int) (j & (PERIOD - 1));
        int n = Math.min(max, PERIOD - at);
        if (Long.compareUnsigned(j, PERIOD) < 0) {
            // four independent draws a step keep the multipliers busy
            long s = state;
            int k = 0;
            for (; k + 4 <= n; k += 4) {
                into[k] = finalizer(s + GOLDEN);
                into[k + 1] = finalizer(s + 2 * GOLDEN);
                into[k + 2] = finalizer(s + 3 * GOLDEN);
                into[k + 3] = finalizer(s += 4 * GOLDEN);
            }
            for (; k < n; k++) {
                into[k] = finalizer(s += GOLDEN);
            }
            state = s;
            return n;
        }
        long[] first = period(scratch);
        long key = key(j);
        for (int k = 0; k < n; k++) {
            into[k] = first[at + k] ^ key;
        }
        state += GOLDEN * n;
        return n;
    }

    /** Words drawn so far (unsigned): {@code state == origin + GOLDEN * drawn}. */
    private long drawn() {
        return (state - origin) * GOLDEN_INVERSE;
    }

    /** The key of the period holding word {@code j}: a draw of a second SplitMix64 stream, seeded by the mixed seed. */
    private long key(long j) {
        return mix(finalizer(origin), j >>> PERIOD_BITS);
    }

    /** A fill from the start that goes past the first period draws it into the array later periods are keyed from. */
    private boolean keepsFirstPeriod(long j, int words, Scratch scratch) {
        return j == 0 && words > PERIOD && !scratch.holdsPeriodOf(origin);
    }

    /** The array the first period is about to be drawn into (whole: the caller draws more than a period). */
    private long[] firstPeriod(Scratch scratch) {
        scratch.periodOrigin = origin;
        scratch.periodValid = true;
        return scratch.period;
    }

    /** The first period of this stream, drawn again unless the thread's last one was this stream's. */
    private long[] period(Scratch scratch) {
        if (!scratch.holdsPeriodOf(origin)) {
            long[] words = scratch.period;
            for (int k = 0; k < PERIOD; k++) {
                words[k] = finalizer(origin + GOLDEN * (k + 1));
            }
            scratch.periodOrigin = origin;
            scratch.periodValid = true;
        }
        return scratch.period;
    }

    /**
     * One thread's arrays: the words of a fill, drawn a period at most at a time, and the first
     * period of the stream it last filled past it. Generators fill sample after sample, each a new
     * stream: an array per stream was 32 KiB of garbage per sample, and memory the heap touches
     * for the first time is slow (in a virtual machine, several times the cost of the fill).
     */
    private static final class Scratch {
        final long[] words = new long[PERIOD];
        final long[] period = new long[PERIOD];
        long periodOrigin;
        boolean periodValid;

        boolean holdsPeriodOf(long origin) {
            return periodValid && periodOrigin == origin;
        }
    }

    /** The inverse of an odd number modulo 2^64 (each Newton step doubles the bits that are right). */
    private static long inverse(long odd) {
        long x = odd; // right to 3 bits: odd * odd == 1 mod 8
        for (int i = 0; i < 5; i++) {
            x *= 2 - odd * x;
        }
        return x;
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
