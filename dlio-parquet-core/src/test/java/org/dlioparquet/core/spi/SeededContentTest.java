package org.dlioparquet.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
}
