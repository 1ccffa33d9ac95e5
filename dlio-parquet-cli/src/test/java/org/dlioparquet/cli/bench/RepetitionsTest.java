package org.dlioparquet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RepetitionsTest {
    private static final long SECOND = 1_000_000_000L;

    /** Work whose n-th repetition reports n and takes a second of the test's clock. */
    private int done;
    private long now;
    private final ChildWork work = () -> {
        now += SECOND;
        return RepMeasure.of(Map.of(RepMeasure.MIBPS, (double) ++done));
    };

    private Repetitions repetitions(Double... jitShares) {
        return new Repetitions(work, jitShares(jitShares), () -> now, Repetitions.MAX_REDOS);
    }

    /** The JIT's share of each repetition, in turn; quiet once the script is over. */
    private static Supplier<DoubleSupplier> jitShares(Double... shares) {
        Deque<Double> script = new ArrayDeque<>(List.of(shares));
        return () -> {
            double share = script.isEmpty() ? 0 : script.poll();
            return () -> share;
        };
    }

    @Test
    void aMeasuredRepetitionDuringWhichTheJitWasBusyIsDoneAgainAndSaysSo() throws Exception {
        Repetitions reps = repetitions(0.5, 0.2, 0.01, 0.0);

        RepMeasure first = reps.measured();
        RepMeasure second = reps.measured();

        assertThat(first.get(RepMeasure.MIBPS)).isEqualTo(3); // the third try was the first quiet one
        assertThat(first.get(RepMeasure.JIT_REDOS)).isEqualTo(2);
        assertThat(first.get(RepMeasure.JIT_SHARE)).isEqualTo(0.01);
        assertThat(second.get(RepMeasure.JIT_REDOS)).isZero();
    }

    @Test
    void aRepetitionIsDoneAgainAtMostThreeTimesAndTheLastTryCounts() throws Exception {
        Repetitions reps = repetitions(0.9, 0.8, 0.7, 0.6, 0.0);

        RepMeasure m = reps.measured();

        assertThat(m.get(RepMeasure.MIBPS)).isEqualTo(4);
        assertThat(m.get(RepMeasure.JIT_REDOS)).isEqualTo(Repetitions.MAX_REDOS);
        assertThat(m.get(RepMeasure.JIT_SHARE)).isEqualTo(0.6);
    }

    @Test
    void theWarmUpLastsItsSecondsThenGoesOnUntilThreeQuietRepetitionsInARow() throws Exception {
        // quiet, busy, ...: 10 s pass at the 10th repetition, the 11th makes three quiet ones in a row
        RepMeasure warm = repetitions(0.9, 0.9, 0.0, 0.3, 0.0, 0.0, 0.0, 0.9, 0.0, 0.0, 0.0).warmUp(10);

        assertThat(warm.get(RepMeasure.WARM_UP_REPS)).isEqualTo(11);
        assertThat(warm.get(RepMeasure.MIBPS)).isEqualTo(11);
    }

    @Test
    void aWarmUpWaitsForTheJitAtMostThreeTimesItsSeconds() throws Exception {
        RepMeasure busy = repetitions(0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9).warmUp(2);
        RepMeasure none = repetitions(0.9).warmUp(0);

        assertThat(busy.get(RepMeasure.WARM_UP_REPS)).isEqualTo(6);
        assertThat(none.get(RepMeasure.WARM_UP_REPS)).isEqualTo(1); // no seconds asked: one repetition
    }

    @Test
    void withoutAWarmUpNothingIsDoneAgain() throws Exception {
        assertThat(Repetitions.maxRedos(0)).isZero();
        assertThat(Repetitions.maxRedos(5)).isEqualTo(Repetitions.MAX_REDOS);
        Repetitions quick = new Repetitions(work, jitShares(0.9, 0.0), () -> now, Repetitions.maxRedos(0));

        RepMeasure m = quick.measured();

        assertThat(m.get(RepMeasure.MIBPS)).isEqualTo(1); // the busy first try counts
        assertThat(m.get(RepMeasure.JIT_REDOS)).isZero();
        assertThat(m.get(RepMeasure.JIT_SHARE)).isEqualTo(0.9);
    }
}
