package org.dlioparquet.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlockMetricsTest {

    /** steps of (load, compute) seconds back to back, starting at t = 0. */
    private static StepTimes block(double[][] steps, double extraWait) {
        StepTimes t = new StepTimes();
        t.start(0);
        double total = 0;
        for (double[] s : steps) {
            t.add(s[0], s[1]);
            total += s[0] + s[1] + extraWait;
        }
        t.end((long) (total * 1e9));
        return t;
    }

    @Test
    void auIsComputeOverTheWindowWithoutTheExcludedFirstStep() {
        // first step loads for 1 s (excluded), then 4 steps of 0.1 s load + 0.4 s compute
        StepTimes t = block(new double[][] {{1.0, 0.4}, {0.1, 0.4}, {0.1, 0.4}, {0.1, 0.4}, {0.1, 0.4}}, 0);

        BlockMetrics m = BlockMetrics.training(t, 1, 0, 8);

        assertThat(m.measuredSteps()).isEqualTo(4);
        assertThat(m.measuredSeconds()).isCloseTo(2.0, within(1e-6));
        assertThat(m.au()).isCloseTo(80.0, within(1e-6));
        assertThat(m.samplesPerSecond()).isCloseTo(4 * 8 / 2.0, within(1e-6));
        assertThat(m.exclusionsDropped()).isFalse();
    }

    @Test
    void excludedEndStepsLeaveTheWindowToo() {
        StepTimes t = block(new double[][] {{0.5, 0.5}, {0.5, 0.5}, {0.5, 0.5}, {2.0, 0.0}}, 0);

        BlockMetrics m = BlockMetrics.training(t, 1, 1, 2);

        assertThat(m.measuredSteps()).isEqualTo(2);
        assertThat(m.au()).isCloseTo(50.0, within(1e-6));
        assertThat(m.samplesPerSecond()).isCloseTo(2.0, within(1e-6));
    }

    @Test
    void aOneStepEpochReportsASensiblePositiveThroughput() {
        StepTimes t = block(new double[][] {{0.25, 0.25}}, 0);

        BlockMetrics m = BlockMetrics.training(t, 1, 0, 4);

        assertThat(m.samplesPerSecond()).isCloseTo(8.0, within(1e-6));
        assertThat(m.au()).isCloseTo(50.0, within(1e-6));
        assertThat(m.exclusionsDropped()).isTrue();
    }

    @Test
    void waitingOutsideLoadAndComputeCountsAgainstAu() {
        // barrier waits of 0.5 s per step lie in the window but in neither load nor compute
        StepTimes t = block(new double[][] {{0.0, 0.5}, {0.0, 0.5}, {0.0, 0.5}}, 0.5);

        BlockMetrics m = BlockMetrics.training(t, 1, 0, 1);

        assertThat(m.au()).isCloseTo(100.0 * 1.0 / (3.0 - 0.5), within(1e-6));
    }

    @Test
    void evaluationThroughputCountsEveryStepOverTheWholeBlockAsDlio() {
        StepTimes t = block(new double[][] {{1.0, 0.0}, {0.5, 0.5}}, 0);

        BlockMetrics m = BlockMetrics.evaluation(t, 1, 0, 10);

        assertThat(m.samplesPerSecond()).isCloseTo(2 * 10 / 2.0, within(1e-6));
        assertThat(m.au()).isCloseTo(50.0, within(1e-6));
    }

    @Test
    void bytesPerSecondAreTakenOverTheSameStepsAsSamplesPerSecond() {
        // the first step reads 10 MB in 1 s (excluded), then 4 steps read 1 MB each in 0.5 s
        StepTimes t = new StepTimes();
        t.start(0);
        t.add(1.0, 0.0, 10_000_000, 9_000_000);
        for (int i = 0; i < 4; i++) {
            t.add(0.1, 0.4, 1_000_000, 900_000);
        }
        t.end(3_000_000_000L);

        BlockMetrics m = BlockMetrics.training(t, 1, 0, 8);

        assertThat(m.measuredSeconds()).isCloseTo(2.0, within(1e-9));
        assertThat(m.samplesPerSecond()).isCloseTo(4 * 8 / 2.0, within(1e-9));
        assertThat(m.storageBytesPerSecond()).isCloseTo(4_000_000 / 2.0, within(1e-6));
        assertThat(m.payloadBytesPerSecond()).isCloseTo(3_600_000 / 2.0, within(1e-6));

        // evaluation: DLIO's whole block, for samples and bytes alike
        BlockMetrics e = BlockMetrics.evaluation(t, 1, 0, 8);
        assertThat(e.samplesPerSecond()).isCloseTo(5 * 8 / 3.0, within(1e-9));
        assertThat(e.storageBytesPerSecond()).isCloseTo(14_000_000 / 3.0, within(1e-6));
    }

    @Test
    void noComputeMeansZeroAu() {
        StepTimes t = block(new double[][] {{0.1, 0}, {0.1, 0}, {0.1, 0}}, 0);

        assertThat(BlockMetrics.training(t, 1, 0, 1).au()).isZero();
    }

    @Test
    void populationStdevAsNumpy() {
        assertThat(Stats.populationStdev(List.of(87.68549344215799, 86.71319833170934)))
                .isCloseTo(0.48614755522432773, within(1e-12));
        assertThat(Stats.mean(List.of(1.0, 2.0, 6.0))).isEqualTo(3.0);
    }
}
