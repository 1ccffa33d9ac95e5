package org.dlioparquet.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** Seeded draws: the sample mean and spread of each distribution match its parameters. */
class TimeDistributionTest {

    private static double[] meanAndVariance(DoubleSupplier draw) {
        int n = 200_000;
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double v = draw.getAsDouble();
            assertThat(v).isGreaterThanOrEqualTo(0);
            sum += v;
            sq += v * v;
        }
        double mean = sum / n;
        return new double[] {mean, sq / n - mean * mean};
    }

    @Test
    void everyDistributionHasItsMeanAndVariance() {
        SplittableRandom r = new SplittableRandom(42);
        double[] normal = meanAndVariance(() -> TimeDistribution.normal(1.0, 0.1).sample(r));
        assertThat(normal[0]).isCloseTo(1.0, within(0.002));
        assertThat(normal[1]).isCloseTo(0.01, within(0.0005));
        double[] uniform = meanAndVariance(() -> TimeDistribution.uniform(0.2, 0.4).sample(r));
        assertThat(uniform[0]).isCloseTo(0.3, within(0.002));
        assertThat(uniform[1]).isCloseTo(0.04 / 12, within(0.0002));
        double[] gamma = meanAndVariance(() -> TimeDistribution.gamma(2.0, 0.5).sample(r));
        assertThat(gamma[0]).isCloseTo(1.0, within(0.01));
        assertThat(gamma[1]).isCloseTo(0.5, within(0.02));
        double[] smallShape = meanAndVariance(() -> TimeDistribution.gamma(0.5, 2.0).sample(r));
        assertThat(smallShape[0]).isCloseTo(1.0, within(0.02));
        double[] exp = meanAndVariance(() -> TimeDistribution.exponential(0.25).sample(r));
        assertThat(exp[0]).isCloseTo(0.25, within(0.003));
        assertThat(exp[1]).isCloseTo(0.0625, within(0.003));
        double[] poisson = meanAndVariance(() -> TimeDistribution.poisson(3.0).sample(r));
        assertThat(poisson[0]).isCloseTo(3.0, within(0.02));
        assertThat(poisson[1]).isCloseTo(3.0, within(0.05));
    }

    @Test
    void constantsAndZero() {
        assertThat(TimeDistribution.constant(0.5).sample(new SplittableRandom(1))).isEqualTo(0.5);
        assertThat(TimeDistribution.ZERO.isZero()).isTrue();
        assertThat(TimeDistribution.normal(0, 0).isZero()).isFalse();
    }
}
