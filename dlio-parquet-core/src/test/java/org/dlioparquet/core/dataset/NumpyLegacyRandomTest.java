package org.dlioparquet.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Golden values printed by numpy 2.4 ({@code np.random.seed(10)}; legacy RandomState). */
class NumpyLegacyRandomTest {

    @Test
    void randomSampleMatchesNumpy() {
        NumpyLegacyRandom r = new NumpyLegacyRandom(10);

        assertThat(r.nextDouble()).isEqualTo(0.771320643266746);
        assertThat(r.nextDouble()).isEqualTo(0.0207519493594015);
    }

    @Test
    void standardNormalMatchesNumpyIncludingTheCachedSecondValue() {
        NumpyLegacyRandom r = new NumpyLegacyRandom(10);

        assertThat(r.nextGaussian()).isCloseTo(1.331586504129518, within(1e-15));
        assertThat(r.nextGaussian()).isCloseTo(0.7152789743984055, within(1e-15));
        assertThat(r.nextGaussian()).isCloseTo(-1.5454002921112682, within(1e-15));
    }

    @Test
    void normalWithLocationAndScaleMatchesNumpy() {
        NumpyLegacyRandom r = new NumpyLegacyRandom(10);
        double[] expected = {15865.003431954327, 14125.66032154718, 7745.5712956035795, 12083.339098731725,
                13860.534385513714, 10074.774530539129};
        for (double e : expected) {
            assertThat(r.nextNormal(12107, 2822.2)).isCloseTo(e, within(1e-9));
        }
    }
}
