package org.dlioparquet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child JVMs running the cheapest case (a few 1 ms sleeps). */
class CaseRunnerTest {
    @TempDir
    Path dir;

    private final List<String> progress = new ArrayList<>();

    private CaseRunner runner() {
        return new CaseRunner(dir.resolve("logs"), List.of(), 0, progress::add);
    }

    @Test
    void baselineAndCaseAlternateWhichGoesFirst() {
        assertThat(List.of(0, 1, 2, 3).stream().map(CaseRunner::baselineFirst).toList())
                .containsExactly(true, false, true, false);
    }

    @Test
    void aCaseRunsItsRepetitionsInAChildAndTheBaselineOnceMoreForItsWarmUp() {
        List<String> calls = new ArrayList<>();
        CaseOutcome o = runner().run(CaseSpec.compute("sleep 1 ms", 0.001, 5), 3, warm -> {
            calls.add("created after warm-up with " + warm.samples().length + " samples");
            return () -> {
                calls.add("baseline");
                return RepMeasure.of(Map.of(RepMeasure.MIBPS, 1.0));
            };
        }, () -> calls.add("before"), List.of());

        assertThat(o.failure()).isNull();
        assertThat(o.reps()).hasSize(3).allSatisfy(r -> assertThat(r.samples()).hasSize(5));
        assertThat(Arrays.stream(o.pooledSamples()).min().orElseThrow()).isGreaterThanOrEqualTo(0);
        assertThat(o.baseline()).hasSize(3);
        // the baseline's warm-up, then baseline/case, case/baseline, baseline/case; "before" precedes each
        assertThat(calls).containsExactly("created after warm-up with 5 samples", "before", "baseline",
                "before", "baseline", "before",
                "before", "before", "baseline",
                "before", "baseline", "before");
        assertThat(o.memory().peakHeapBytes()).isPositive();
        assertThat(o.memory().peakRssBytes()).isPositive();
        assertThat(progress).first().isEqualTo("bench: sleep 1 ms");
    }

    @Test
    void theChildRepeatsItsWorkForTheWarmUpSecondsBeforeTheMeasuredRepetitions() {
        CaseRunner warmingUp = new CaseRunner(dir.resolve("logs"), List.of(), 0.5, progress::add);

        // 5 sleeps of 1 ms per repetition: 0.5 s of warm-up is well over 10 repetitions, even on a busy machine
        CaseOutcome o = warmingUp.run(CaseSpec.compute("sleep 1 ms", 0.001, 5), 1, null, () -> { }, List.of());
        CaseOutcome once = runner().run(CaseSpec.compute("sleep 1 ms", 0.001, 5), 1, null, () -> { }, List.of());

        assertThat(o.warmUp().get(RepMeasure.WARM_UP_REPS)).isGreaterThan(10);
        assertThat(o.warmUp().samples()).hasSize(5);
        assertThat(once.warmUp().get(RepMeasure.WARM_UP_REPS)).isEqualTo(1);
    }

    @Test
    void aCaseTheChildCannotRunFailsWithTheChildsReason() {
        CaseSpec bad = CaseSpec.epoch("bad workload", null, List.of("dataset.num_files_trian=3"));

        CaseOutcome o = runner().run(bad, 2, null, () -> { }, List.of());

        assertThat(o.ok()).isFalse();
        assertThat(o.failure()).contains("dataset.num_files_trian").contains("unknown key");
    }

    @Test
    void aChildJvmThatDoesNotStartFailsWithWhatTheJvmSaid() {
        CaseOutcome o = runner().run(CaseSpec.compute("no jvm", 0.001, 1), 1, null, () -> { },
                List.of("-XX:+NoSuchJvmOption"));

        assertThat(o.ok()).isFalse();
        assertThat(o.failure()).contains("child JVM ended without an answer").contains("NoSuchJvmOption");
    }
}
