package org.dlioparquet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SampleStatsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
        assertThat(SampleStats.median(List.of(9.0, 1.0, 5.0, 7.0, 3.0))).isEqualTo(5.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(SampleStats.median(List.of(400.0, 100.0, 300.0, 200.0))).isEqualTo(250.0);
    }

    @Test
    void medianIsNotSkewedByOneOutlierLikeAMeanWouldBe() {
        // one repetition hit by another process's burst
        assertThat(SampleStats.median(List.of(2000.0, 2100.0, 150.0, 2050.0, 1990.0))).isEqualTo(2000.0);
    }

    @Test
    void medianOfNothingIsNaN() {
        assertThat(SampleStats.median(List.of())).isNaN();
    }

    @Test
    void medianLeavesItsInputUnsorted() {
        double[] values = {3, 1, 2};
        SampleStats.median(values);
        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void percentileIsNearestRank() {
        double[] oneToHundred = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();
        assertThat(SampleStats.percentile(oneToHundred, 99)).isEqualTo(99.0);
        assertThat(SampleStats.percentile(oneToHundred, 100)).isEqualTo(100.0);
        assertThat(SampleStats.percentile(oneToHundred, 50)).isEqualTo(50.0);
        // with few values, p99 is the largest
        assertThat(SampleStats.percentile(new double[] {5, 1, 3}, 99)).isEqualTo(5.0);
        assertThat(SampleStats.percentile(new double[] {5, 1, 3}, 1)).isEqualTo(1.0);
    }

    @Test
    void percentileOutsideZeroToHundredIsRefused() {
        assertThatThrownBy(() -> SampleStats.percentile(new double[] {1}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 100]");
        assertThat(SampleStats.percentile(new double[0], 99)).isNaN();
    }

    @Test
    void ratioIsCaseOverBaselineAndNaNWithoutAUsableBaseline() {
        assertThat(SampleStats.ratio(500, 2000)).isEqualTo(0.25);
        assertThat(SampleStats.ratio(500, 0)).isNaN();
        assertThat(SampleStats.ratio(Double.NaN, 2000)).isNaN();
        assertThat(SampleStats.ratio(500, Double.NaN)).isNaN();
    }
}
