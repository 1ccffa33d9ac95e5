package org.dlioparquet.cli.bench;

import org.dlioparquet.core.metrics.CheckpointOp;

/** One measured repetition of a case, in the child JVM. */
interface ChildWork {
    RepMeasure rep() throws Exception;

    static ChildWork of(CaseSpec spec) {
        return switch (spec.kind()) {
            case GENERATE -> new GenerateWork(BenchWorkloads.load(spec), spec.threads());
            case EPOCH -> new EpochWork(BenchWorkloads.load(spec));
            case COMPUTE -> new ComputeWork(spec.seconds(), spec.steps());
            case PLAN -> new PlanWork(BenchWorkloads.load(spec));
            case CHECKPOINT_SAVE -> new CheckpointWork(BenchWorkloads.load(spec), spec.threads(), CheckpointOp.SAVE);
            case CHECKPOINT_LOAD -> new CheckpointWork(BenchWorkloads.load(spec), spec.threads(), CheckpointOp.LOAD);
        };
    }
}
