package org.dlioparquet.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PermutationTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 7, 64, 1000, 4097, (1 << 20) + 3})
    void isABijectionOfTheRange(long n) {
        Permutation p = Permutation.shuffled(n, 123);
        BitSet seen = new BitSet((int) n);
        int fixedPoints = 0;
        for (long i = 0; i < n; i++) {
            long j = p.apply(i);
            assertThat(j).isBetween(0L, n - 1);
            assertThat(seen.get((int) j)).as("position %d hit twice", j).isFalse();
            seen.set((int) j);
            if (j == i) {
                fixedPoints++;
            }
        }
        assertThat(seen.cardinality()).isEqualTo((int) n);
        if (n >= 1000) {
            assertThat(fixedPoints).as("a shuffle moves almost everything").isLessThan((int) (n / 100));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {10, 1000})
    void theSeedDecidesTheOrder(long n) {
        Permutation a = Permutation.shuffled(n, 1);
        Permutation b = Permutation.shuffled(n, 1);
        Permutation c = Permutation.shuffled(n, 2);
        boolean differs = false;
        for (long i = 0; i < n; i++) {
            assertThat(a.apply(i)).isEqualTo(b.apply(i));
            differs |= a.apply(i) != c.apply(i);
        }
        assertThat(differs).isTrue();
    }
}
