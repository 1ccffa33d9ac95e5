package org.dlioparquet.cli.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * How precisely the emulated accelerator sleeps {@code computation_time}: overshoot of 1 ms and
 * 10 ms sleeps through the runner's emulator, against a plain {@code LockSupport.parkNanos}.
 */
final class ComputeBench {
    static final List<Double> SECONDS = List.of(0.001, 0.010);

    static final List<String> HEADER = BenchContext.header("case", "sleeps", "overshoot median µs",
            "overshoot p99 µs", "parkNanos median µs", "parkNanos p99 µs");

    private final BenchContext context;

    ComputeBench(BenchContext context) {
        this.context = context;
    }

    static List<String> caseNames() {
        return SECONDS.stream().map(ComputeBench::name).toList();
    }

    static String name(double seconds) {
        return "computation_time " + Math.round(seconds * 1000) + " ms";
    }

    SectionResult run() {
        MarkdownTable table = new MarkdownTable(HEADER);
        List<CaseOutcome> outcomes = new ArrayList<>();
        for (double s : SECONDS) {
            int steps = (int) Math.max(1, Math.round(context.options().computeSecondsPerRep() / s));
            CaseOutcome o = context.runner().run(CaseSpec.compute(name(s), s, steps), context.options().reps(),
                    warm -> new ParkSleeps(s, steps), () -> { }, List.of());
            outcomes.add(o);
            table.row(row(o, steps));
        }
        return new SectionResult("Compute emulator precision", List.of(
                "Each sleep goes through `run.ComputeEmulator`, the code the runner uses for `computation_time` "
                        + "(through `run.BenchHooks`, since the emulator is package-private), timed with "
                        + "`System.nanoTime` around the call as the accelerator's wall clock sees it. Median and "
                        + "p99 over all sleeps of all repetitions.",
                "parkNanos: the same sleeps with a plain `LockSupport.parkNanos` (what the emulator improves on "
                        + "by parking until 150 µs before the deadline and spinning the rest)."), table, outcomes);
    }

    private static List<String> row(CaseOutcome o, int steps) {
        if (!o.ok()) {
            return BenchContext.failedRow(o.name(), HEADER.size(), o.failure());
        }
        double[] emulator = o.pooledSamples();
        double[] park = o.pooledBaselineSamples();
        List<String> cells = new ArrayList<>(List.of(o.name(), steps + " x " + o.reps().size(),
                MarkdownTable.number(SampleStats.median(emulator)),
                MarkdownTable.number(SampleStats.percentile(emulator, 99)),
                MarkdownTable.number(SampleStats.median(park)),
                MarkdownTable.number(SampleStats.percentile(park, 99))));
        cells.addAll(BenchContext.memoryCells(o));
        return cells;
    }
}
