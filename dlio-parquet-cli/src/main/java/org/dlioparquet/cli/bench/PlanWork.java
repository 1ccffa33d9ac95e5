package org.dlioparquet.cli.bench;

import java.util.Map;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.run.BenchHooks;

/** Plans a dataset and walks one epoch's sample order as the runner would, without any file. */
final class PlanWork implements ChildWork {
    private final WorkloadConfig config;

    PlanWork(WorkloadConfig config) {
        this.config = config;
    }

    @Override
    public RepMeasure rep() {
        long start = System.nanoTime();
        BenchHooks.EpochWalk walk = BenchHooks.walkTrainingEpoch(config, 1);
        double seconds = (System.nanoTime() - start) / 1e9;
        return RepMeasure.of(Map.of(RepMeasure.SECONDS, seconds, "samples", (double) walk.samples(),
                "files", (double) config.dataset().numFilesTrain(), "fileChanges", (double) walk.fileChanges()));
    }
}
