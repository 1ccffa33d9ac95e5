package org.dlioparquet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaseOutcomeTest {

    private static RepMeasure mibps(double v) {
        return RepMeasure.of(Map.of(RepMeasure.MIBPS, v));
    }

    @Test
    void ratioIsTheCaseMedianOverTheBaselineMedian() {
        CaseOutcome o = new CaseOutcome("c", mibps(1), List.of(mibps(900), mibps(1000), mibps(100)),
                List.of(mibps(4000), mibps(2000), mibps(3000)), ChildMemory.UNKNOWN, null);

        assertThat(o.median(RepMeasure.MIBPS)).isEqualTo(900);
        assertThat(o.baselineMedian(RepMeasure.MIBPS)).isEqualTo(3000);
        assertThat(o.ratio(RepMeasure.MIBPS)).isEqualTo(0.3);
        assertThat(o.ok()).isTrue();
    }

    @Test
    void aDerivedFigureIsTakenPerRepetitionThenItsMedian() {
        RepMeasure fast = RepMeasure.of(Map.of(RepMeasure.SECONDS, 1.0));
        RepMeasure slow = RepMeasure.of(Map.of(RepMeasure.SECONDS, 4.0));
        RepMeasure mid = RepMeasure.of(Map.of(RepMeasure.SECONDS, 2.0));
        CaseOutcome o = new CaseOutcome("c", null, List.of(fast, slow, mid), List.of(), ChildMemory.UNKNOWN, null);

        assertThat(o.median(r -> 1024 / r.get(RepMeasure.SECONDS))).isEqualTo(512);
    }

    @Test
    void aValueNoRepetitionReportedIsNaNNotZero() {
        CaseOutcome o = new CaseOutcome("c", mibps(1), List.of(mibps(900)), List.of(), ChildMemory.UNKNOWN, null);

        assertThat(o.median(RepMeasure.SAMPLESPS)).isNaN();
        assertThat(o.ratio(RepMeasure.MIBPS)).isNaN();
    }

    @Test
    void samplesArePooledOverRepetitions() {
        CaseOutcome o = new CaseOutcome("c", null, List.of(new RepMeasure(Map.of(), new double[] {1, 2}),
                new RepMeasure(Map.of(), new double[] {3})), List.of(new RepMeasure(Map.of(), new double[] {9})),
                ChildMemory.UNKNOWN, null);

        assertThat(o.pooledSamples()).containsExactly(1, 2, 3);
        assertThat(o.pooledBaselineSamples()).containsExactly(9);
    }

    @Test
    void aFailedCaseSaysWhy() {
        CaseOutcome o = CaseOutcome.failed("c", "OutOfMemoryError: Java heap space", ChildMemory.UNKNOWN);

        assertThat(o.ok()).isFalse();
        assertThat(o.failure()).contains("Java heap space");
        assertThat(o.reps()).isEmpty();
    }
}
