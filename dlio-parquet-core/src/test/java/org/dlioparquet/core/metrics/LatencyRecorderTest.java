package org.dlioparquet.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void percentilesStayWithinOnePercentOfTheExactValues() {
        LatencyRecorder r = new LatencyRecorder();
        // 1 µs .. 100 ms in steps of 1 µs, plus an odd 7 ns so no value sits on a bucket edge
        for (long us = 1; us <= 100_000; us++) {
            r.record(us * 1_000 + 7);
        }

        LatencyRecorder.Percentiles p = r.percentiles();

        assertThat(p.count()).isEqualTo(100_000);
        assertThat(p.p50()).isCloseTo(50.0, withinPercentage(1));
        assertThat(p.p90()).isCloseTo(90.0, withinPercentage(1));
        assertThat(p.p99()).isCloseTo(99.0, withinPercentage(1));
        assertThat(p.max()).isCloseTo(100.0, withinPercentage(1));
        assertThat(p.mean()).isCloseTo(50.0005, withinPercentage(1));
    }

    @Test
    void aRunRecordedWithItsCountEqualsRecordingEachSample() {
        LatencyRecorder once = new LatencyRecorder();
        LatencyRecorder each = new LatencyRecorder();
        once.record(2_000_000, 5);
        once.record(7_000, 1);
        for (int i = 0; i < 5; i++) {
            each.record(2_000_000);
        }
        each.record(7_000);

        assertThat(once.percentiles()).isEqualTo(each.percentiles());
        assertThat(once.count()).isEqualTo(6);
    }

    @Test
    void mergingAddsTheCountsAndValuesAreClampedToTheRange() {
        LatencyRecorder a = new LatencyRecorder();
        LatencyRecorder b = new LatencyRecorder();
        a.record(5);
        b.record(Long.MAX_VALUE, 2);

        a.merge(b);

        assertThat(a.count()).isEqualTo(3);
        assertThat(a.percentiles().p50()).isCloseTo(3_600_000.0, withinPercentage(1));
    }
}
