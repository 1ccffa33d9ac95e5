package org.dlioparquet.cli.bench;

import java.util.List;

/**
 * What one child JVM measures: the kind of work and the workload it works on (a bundled workload
 * or DLIO's defaults, plus overrides in DLIO's spelling).
 *
 * @param workload  a bundled workload name, or {@code null} for DLIO's defaults
 * @param threads   writer threads for {@link Kind#GENERATE} (0 = the default)
 * @param steps     sleeps per repetition for {@link Kind#COMPUTE}
 * @param seconds   the sleep for {@link Kind#COMPUTE}
 * @param warmUp    run one unmeasured repetition before the first measured one
 */
public record CaseSpec(String name, Kind kind, String workload, List<String> overrides, int threads, int steps,
                       double seconds, boolean warmUp) {

    public enum Kind {
        /** {@code Dlio.generate} of the workload's dataset, written anew each repetition. */
        GENERATE,
        /** {@code Dlio.run} of one training epoch over an existing dataset. */
        EPOCH,
        /** {@code computation_time} sleeps through the runner's emulator. */
        COMPUTE,
        /** The dataset plan and one epoch's sample order, walked without reading files. */
        PLAN,
        /** A checkpoint-only run saving one checkpoint with {@code threads} ranks. */
        CHECKPOINT_SAVE,
        /** A checkpoint-only run loading the checkpoint saved before, with {@code threads} ranks. */
        CHECKPOINT_LOAD
    }

    public CaseSpec {
        overrides = List.copyOf(overrides);
    }

    public static CaseSpec generate(String name, String workload, List<String> overrides, int threads) {
        return new CaseSpec(name, Kind.GENERATE, workload, overrides, threads, 0, 0, true);
    }

    public static CaseSpec epoch(String name, String workload, List<String> overrides) {
        return new CaseSpec(name, Kind.EPOCH, workload, overrides, 0, 0, 0, true);
    }

    public static CaseSpec compute(String name, double seconds, int steps) {
        return new CaseSpec(name, Kind.COMPUTE, null, List.of(), 0, steps, seconds, true);
    }

    public static CaseSpec plan(String name, List<String> overrides) {
        return new CaseSpec(name, Kind.PLAN, null, overrides, 0, 0, 0, false);
    }

    public static CaseSpec checkpoint(String name, Kind kind, List<String> overrides, int ranks) {
        return new CaseSpec(name, kind, null, overrides, ranks, 0, 0, true);
    }

    public CaseSpec withoutWarmUp() {
        return new CaseSpec(name, kind, workload, overrides, threads, steps, seconds, false);
    }
}
