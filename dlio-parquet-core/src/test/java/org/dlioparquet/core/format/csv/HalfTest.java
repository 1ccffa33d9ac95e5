package org.dlioparquet.core.format.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfTest {
    @Test
    void everyFiniteHalfSurvivesFloatAndBack() {
        for (int bits = 0; bits < 0x10000; bits++) {
            short h = (short) bits;
            float f = Half.toFloat(h);
            if (Float.isNaN(f)) {
                assertThat(bits & 0x7C00).isEqualTo(0x7C00);
                continue;
            }
            assertThat(Half.fromDouble(f, 0)).as("half 0x%04x (%s)", bits, f).isEqualTo(h);
        }
    }

    @Test
    void knownValues() {
        assertThat(Half.toFloat((short) 0x3C00)).isEqualTo(1.0f);
        assertThat(Half.toFloat((short) 0x7BFF)).isEqualTo(65504.0f);
        assertThat(Half.toFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(Half.toFloat((short) 0xC000)).isEqualTo(-2.0f);
        assertThat(Half.toFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
    }

    @Test
    void roundsToNearestWithTiesToEvenUnlessTheExactValueSaysOtherwise() {
        double tie = 1 + 0x1p-11; // midway between 1.0 (0x3C00) and 1.0009765625 (0x3C01)
        assertThat(Half.isTie(tie)).isTrue();
        assertThat(Half.fromDouble(tie, 0)).isEqualTo((short) 0x3C00);
        assertThat(Half.fromDouble(tie, 1)).isEqualTo((short) 0x3C01);
        assertThat(Half.fromDouble(1 + 3 * 0x1p-11, 0)).isEqualTo((short) 0x3C02); // tie, odd below: up
        assertThat(Half.fromDouble(1 + 0x1p-11 + 0x1p-30, 0)).isEqualTo((short) 0x3C01);
        assertThat(Half.isTie(1 + 0x1p-11 + 0x1p-30)).isFalse();
        assertThat(Half.fromDouble(0x1p-25, 0)).isEqualTo((short) 0); // half the smallest subnormal, even
        assertThat(Half.fromDouble(3 * 0x1p-25, 0)).isEqualTo((short) 2);
        assertThat(Half.fromDouble(-0x1p-24 * 1023.5, 0)).isEqualTo((short) 0x8400); // carries into the normals
        assertThat(Half.fromDouble(65519.99, 0)).isEqualTo((short) 0x7BFF);
        assertThat(Half.fromDouble(65520, 0)).isEqualTo((short) 0x7C00);
        assertThat(Half.fromDouble(65520, -1)).isEqualTo((short) 0x7BFF);
        assertThat(Half.fromDouble(-0.0, 0)).isEqualTo((short) 0x8000);
    }
}
