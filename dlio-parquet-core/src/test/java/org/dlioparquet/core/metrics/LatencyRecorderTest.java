package org.dlioparquet.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;
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

    @Test
    void bucketsRunWithoutHolesFromTheFirstLatencyToTheLastAndAddUpToTheCount() {
        LatencyRecorder r = new LatencyRecorder();
        r.record(50_000, 3); // 50 µs
        r.record(4_000_000); // 4 ms, 6 doublings later: empty buckets between

        List<LatencyRecorder.Bucket> b = r.buckets();

        assertThat(b.stream().mapToLong(LatencyRecorder.Bucket::count).sum()).isEqualTo(4);
        assertThat(b.get(0).count()).isEqualTo(3);
        assertThat(b.get(0).upperMs()).isGreaterThanOrEqualTo(0.05).isLessThan(0.05 * LatencyRecorder.BUCKET_FACTOR * 1.02);
        assertThat(b.get(b.size() - 1).count()).isEqualTo(1);
        assertThat(b.subList(1, b.size() - 1)).allSatisfy(e -> assertThat(e.count()).isZero());
        for (int i = 1; i < b.size(); i++) {
            assertThat(b.get(i).upperMs() / b.get(i - 1).upperMs()).isCloseTo(LatencyRecorder.BUCKET_FACTOR,
                    withinPercentage(2));
        }
        assertThat(new LatencyRecorder().buckets()).isEmpty();
    }
}
