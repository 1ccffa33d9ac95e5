package org.dlioparquet.cli.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What a case measured: its repetitions and the baseline's (interleaved with them), the warm-up,
 * the child's peak memory, or why it failed.
 */
public record CaseOutcome(String name, RepMeasure warmUp, List<RepMeasure> reps, List<RepMeasure> baseline,
                          ChildMemory memory, String failure) {

    public CaseOutcome {
        reps = List.copyOf(reps);
        baseline = List.copyOf(baseline);
    }

    static CaseOutcome failed(String name, String failure, ChildMemory memory) {
        return new CaseOutcome(name, null, List.of(), List.of(), memory, failure);
    }

    public boolean ok() {
        return failure == null;
    }

    /** Median over the case's repetitions of one value. */
    public double median(String key) {
        return median(r -> r.get(key));
    }

    /** Median over the case's repetitions of a figure derived from each. */
    public double median(ToDoubleFunction<RepMeasure> figure) {
        return SampleStats.median(reps.stream().map(figure::applyAsDouble).toList());
    }

    public double baselineMedian(String key) {
        return SampleStats.median(baseline.stream().map(r -> r.get(key)).toList());
    }

    /** The case's median over the baseline's median. */
    public double ratio(String key) {
        return SampleStats.ratio(median(key), baselineMedian(key));
    }

    /** Every sample of every repetition, pooled. */
    public double[] pooledSamples() {
        return pool(reps);
    }

    public double[] pooledBaselineSamples() {
        return pool(baseline);
    }

    private static double[] pool(List<RepMeasure> measures) {
        return measures.stream().flatMapToDouble(m -> Arrays.stream(m.samples())).toArray();
    }
}
