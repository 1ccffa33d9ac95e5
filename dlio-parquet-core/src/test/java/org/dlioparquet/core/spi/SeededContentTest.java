package org.dlioparquet.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.Deflater;
import org.dlioparquet.core.ElementType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SeededContentTest {

    @ParameterizedTest
    @EnumSource(ElementType.class)
    void fillingInPiecesOfEightBytesGivesTheSameBytesAsOneFill(ElementType type) {
        int len = 8 * 37 + 8;
        byte[] whole = new byte[len];
        new SeededContent(42).fill(whole, 0, len, type);

        byte[] pieces = new byte[len];
        SeededContent c = new SeededContent(42);
        c.fill(pieces, 0, 64, type);
        c.fill(pieces, 64, 8 * 20, type);
        c.fill(pieces, 64 + 160, len - 224, type);

        assertThat(pieces).isEqualTo(whole);
    }

    @ParameterizedTest
    @EnumSource(value = ElementType.class, names = {"UINT8", "INT16", "UINT32", "INT64"})
    void integerSamplesAreSplitMix64DrawsInLittleEndianOrderInArraysAndDirectBuffers(ElementType type) {
        int len = 8 * 45; // not a multiple of the 32 bytes the fast loop moves at a time
        SeededContent draws = new SeededContent(0);
        ByteBuffer expected = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        while (expected.hasRemaining()) {
            expected.putLong(draws.nextLong());
        }
        // SplitMix64's published first output for seed 0
        assertThat(expected.getLong(0)).isEqualTo(0xE220A8397B1DCDAFL);

        byte[] array = new byte[len + 3];
        new SeededContent(0).fill(array, 3, len, type);
        assertThat(ByteBuffer.wrap(array, 3, len)).isEqualTo(expected.clear());
        ByteBuffer direct = ByteBuffer.allocateDirect(len + 3).position(3);
        new SeededContent(0).fill(direct, type);
        assertThat(direct.flip().position(3)).isEqualTo(expected.clear());
    }

    @ParameterizedTest
    @EnumSource(ElementType.class)
    void directBuffersGetTheSameBytesAsArrays(ElementType type) {
        int len = 8 * 5 + (type.size() == 8 ? 0 : type.size() * (8 / type.size() - 1));
        byte[] array = new byte[len];
        new SeededContent(7).fill(array, 0, len, type);
        ByteBuffer direct = ByteBuffer.allocateDirect(len);
        new SeededContent(7).fill(direct, type);
        direct.flip();
        byte[] copy = new byte[len];
        direct.get(copy);

        assertThat(copy).isEqualTo(array);
    }

    @Test
    void floatsLieInTheUnitInterval() {
        ByteBuffer b = ByteBuffer.allocate(4 * 1000).order(ByteOrder.LITTLE_ENDIAN);
        new SeededContent(1).fill(b.array(), 0, b.capacity(), ElementType.FLOAT32);
        double sum = 0;
        for (int i = 0; i < 1000; i++) {
            float f = b.getFloat(4 * i);
            assertThat(f).isBetween(0f, 1f).isLessThan(1f);
            sum += f;
        }
        assertThat(sum / 1000).isBetween(0.45, 0.55);

        ByteBuffer h = ByteBuffer.allocate(2 * 1000).order(ByteOrder.LITTLE_ENDIAN);
        new SeededContent(1).fill(h.array(), 0, h.capacity(), ElementType.FLOAT16);
        for (int i = 0; i < 1000; i++) {
            int bits = h.getShort(2 * i) & 0xFFFF;
            assertThat(bits).isLessThan(0x3C00); // below 1.0 in half precision, never negative
        }
    }

    @Test
    void halfPrecisionEncodingIsExact() {
        assertThat(SeededContent.halfOf(0)).isEqualTo((short) 0);
        assertThat(SeededContent.halfOf(1024)).isEqualTo((short) 0x3800); // 0.5
        assertThat(SeededContent.halfOf(1)).isEqualTo((short) 0x1000);    // 2^-11
        assertThat(SeededContent.halfOf(2047)).isEqualTo((short) 0x3BFF); // largest half below 1
    }

    @Test
    void boolsAreZeroOrOneAndSeedsDiffer() {
        byte[] a = new byte[256];
        new SeededContent(3).fill(a, 0, a.length, ElementType.BOOL);
        assertThat(a).containsOnly((byte) 0, (byte) 1).contains((byte) 0, (byte) 1);

        byte[] x = new byte[64];
        byte[] y = new byte[64];
        new SeededContent(SeededContent.mix(10, 0)).fill(x, 0, 64, ElementType.UINT8);
        new SeededContent(SeededContent.mix(10, 1)).fill(y, 0, 64, ElementType.UINT8);
        assertThat(x).isNotEqualTo(y);
    }

    /** Three and a half periods, so that fills cross from SplitMix64 words into keyed ones and between keys. */
    private static final int LONG_FILL = 8 * (SeededContent.PERIOD * 7 / 2) + 8;

    @ParameterizedTest
    @EnumSource(ElementType.class)
    void fillsPastThePeriodJoinInPiecesAndAgreeInArraysAndDirectBuffers(ElementType type) {
        byte[] whole = new byte[LONG_FILL];
        new SeededContent(42).fill(whole, 0, LONG_FILL, type);

        byte[] pieces = new byte[LONG_FILL];
        SeededContent c = new SeededContent(42);
        int[] cuts = {0, 8 * 100, 8 * SeededContent.PERIOD + 16, 8 * 2 * SeededContent.PERIOD, LONG_FILL};
        for (int k = 0; k + 1 < cuts.length; k++) {
            c.fill(pieces, cuts[k], cuts[k + 1] - cuts[k], type);
        }
        assertThat(pieces).isEqualTo(whole);

        ByteBuffer direct = ByteBuffer.allocateDirect(LONG_FILL);
        SeededContent d = new SeededContent(42);
        for (int k = 0; k + 1 < cuts.length; k++) {
            d.fill(direct.limit(cuts[k + 1]), type);
        }
        byte[] copy = new byte[LONG_FILL];
        direct.flip().get(copy);
        assertThat(copy).isEqualTo(whole);
    }

    @Test
    void aStreamStartedAtAWordPastThePeriodContinuesTheStreamFromTheStart() {
        byte[] whole = new byte[LONG_FILL];
        new SeededContent(9).fill(whole, 0, LONG_FILL, ElementType.UINT8);
        int word = SeededContent.PERIOD * 2 + 5;
        ByteBuffer rest = ByteBuffer.allocateDirect(LONG_FILL - 8 * word);
        SeededContent.startingAt(9, word).fill(rest, ElementType.UINT8);
        assertThat(rest.flip()).isEqualTo(ByteBuffer.wrap(whole, 8 * word, LONG_FILL - 8 * word));
    }

    @Test
    void wordsPastThePeriodDoNotRepeatItAndDoNotCompress() {
        int len = 1 << 20;
        byte[] bytes = new byte[len];
        new SeededContent(5).fill(bytes, 0, len, ElementType.UINT8);
        ByteBuffer words = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        SeededContent draws = new SeededContent(5);
        for (int k = 0; k < SeededContent.PERIOD; k++) {
            assertThat(words.getLong(8 * k)).isEqualTo(draws.nextLong()); // the first period: SplitMix64
        }
        int periodBytes = 8 * SeededContent.PERIOD;
        int same = 0;
        for (int i = periodBytes; i < len; i += 8) {
            same += words.getLong(i) == words.getLong(i - periodBytes) ? 1 : 0;
        }
        assertThat(same).isZero();

        // deflate's window reaches back exactly one period: a repeated period would shrink to almost nothing
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(bytes);
        deflater.finish();
        byte[] out = new byte[len + 1024];
        int compressed = 0;
        while (!deflater.finished()) {
            compressed += deflater.deflate(out, 0, out.length);
        }
        deflater.end();
        assertThat(compressed).isGreaterThan(len);
    }
    @Test
    void streamsFilledInTurnOnOneThreadKeepTheirOwnBytes() throws Exception {
        int a1 = 48 << 10;
        int a2 = 100 << 10;
        int b = 100 << 10;
        byte[] aWhole = filledOnItsOwnThread(1, a1 + a2);
        byte[] bWhole = filledOnItsOwnThread(2, b);

        // A goes past its first period, B replaces the thread's kept period with its own, A goes on
        SeededContent streamA = new SeededContent(1);
        ByteBuffer aParts = ByteBuffer.allocateDirect(a1 + a2);
        streamA.fill(aParts.limit(a1), ElementType.UINT8);
        byte[] bBytes = new byte[b];
        new SeededContent(2).fill(bBytes, 0, b, ElementType.UINT8);
        streamA.fill(aParts.limit(a1 + a2), ElementType.UINT8);

        byte[] aBytes = new byte[a1 + a2];
        aParts.flip().get(aBytes);
        assertThat(aBytes).isEqualTo(aWhole);
        assertThat(bBytes).isEqualTo(bWhole);
    }

    /** One stream's bytes filled in one call on a thread of their own, whose arrays hold no other stream's. */
    private static byte[] filledOnItsOwnThread(long seed, int len) throws InterruptedException {
        byte[] bytes = new byte[len];
        Thread t = new Thread(() -> new SeededContent(seed).fill(bytes, 0, len, ElementType.UINT8));
        t.start();
        t.join();
        return bytes;
    }

    @Test
    void fillingSampleAfterSampleAllocatesNoArrayPerSample() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        int sample = 1 << 20;
        byte[] heap = new byte[sample];
        ByteBuffer direct = ByteBuffer.allocateDirect(sample + 4);
        new SeededContent(0).fill(heap, 0, sample, ElementType.UINT8); // the thread's arrays are made once
        int samples = 64;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int k = 1; k <= samples; k++) {
            new SeededContent(k).fill(heap, 0, sample, ElementType.UINT8);
            new SeededContent(-k).fill(direct.clear().position(4), ElementType.FLOAT32);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // a first period of its own per stream was 32 KiB each: 4 MiB here; small views are all that is left
        assertThat(allocated).isLessThan(2L * samples * 4096);
    }
}
