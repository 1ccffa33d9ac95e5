package org.dlioparquet.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepTimelineTest {
    @Test
    void aLongBlockKeepsAtMostItsPointsEachSummingItsSteps() {
        RunClock clock = new RunClock(0, 0);
        StepTimeline t = new StepTimeline(clock, 100);
        t.phaseStarted("train", 1, 10_005, 0);
        long now = 0;
        for (int s = 0; s < 10_005; s++) {
            now += 4_000_000;
            t.step(1_000_000, 2_000_000, 1_000_000, 4096, 8, now);
        }
        t.phaseFinished(now);

        Map<String, Object> p = t.toJson().get(0);
        assertThat(p.get("bucket_steps")).isEqualTo(101L);
        @SuppressWarnings("unchecked")
        List<Integer> counts = (List<Integer>) p.get("step_count");
        assertThat(counts).hasSizeLessThanOrEqualTo(100);
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10_005);
        @SuppressWarnings("unchecked")
        List<Long> bytes = (List<Long>) p.get("bytes");
        assertThat(bytes.stream().mapToLong(Long::longValue).sum()).isEqualTo(10_005L * 4096);
        @SuppressWarnings("unchecked")
        List<Double> wait = (List<Double>) p.get("wait_s");
        assertThat(wait.get(0)).isEqualTo(0.101); // 101 steps x 1 ms
        @SuppressWarnings("unchecked")
        List<Double> ends = (List<Double>) p.get("t_ms");
        assertThat(ends.get(0)).isEqualTo(101 * 4.0);
        assertThat(p.get("end_ms")).isEqualTo(10_005 * 4.0);
    }
}
