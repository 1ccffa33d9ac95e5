package org.dlioparquet.core.run;

import java.util.SplittableRandom;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.ReadType;
import org.dlioparquet.core.config.TimeDistribution;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.dataset.DatasetLayout;
import org.dlioparquet.core.dataset.WorkloadDataset;

/**
 * Internal: the one hook through which the command line's benchmark tool
 * ({@code org.dlioparquet.cli.bench}) times the runner's package-private parts through the
 * runner's own code (the emulated accelerator, the epoch order) instead of a copy that could drift
 * from it. Public only because the bench lives in another module; not an API, and it may change
 * without notice.
 */
public final class BenchHooks {
    private BenchHooks() {
    }

    /**
     * One sleep of {@code seconds} through the emulator the runner uses for
     * {@code computation_time}, for the benchmark to time as the accelerator's wall clock sees it.
     */
    public static Runnable computeSleep(double seconds) {
        ComputeEmulator emulator = new ComputeEmulator(TimeDistribution.constant(seconds), new SplittableRandom(0));
        return emulator::step;
    }

    /** What walking an epoch's order visited; the digest keeps the JIT from skipping the work. */
    public record EpochWalk(long samples, long fileChanges, long digest) {
    }

    /**
     * Sets up one epoch of rank 0 of a one-rank run as the runner does (dataset plan, shuffled
     * file and sample order) and visits its samples in reading order, in the runs the reader
     * would read with {@code reader.read_type}, resolving a file's path whenever the file
     * changes, without touching the files.
     */
    public static EpochWalk walkTrainingEpoch(WorkloadConfig config, int epoch) {
        DatasetLayout layout = WorkloadDataset.of(config).plan().layout();
        RunContext context = new RunContext(config, 1, config.train().seed());
        EpochSampleOrder order = context.order(Split.TRAIN, 0, config.reader().batchSize(), epoch);
        Walker walker = new Walker(layout);
        boolean coalesce = config.reader().readType() == ReadType.MEMORY;
        for (long step = 0; step < order.steps(); step++) {
            order.forEachRun(step * order.batchSize(), order.batchSize(), coalesce, walker);
        }
        return new EpochWalk(walker.samples, walker.changes, walker.digest);
    }

    private static final class Walker implements EpochSampleOrder.RunVisitor<RuntimeException> {
        private final DatasetLayout layout;
        long samples;
        long changes;
        long digest;
        private long previous = -1;

        Walker(DatasetLayout layout) {
            this.layout = layout;
        }

        @Override
        public void visit(long file, int row, int length) {
            if (file != previous) {
                digest = digest * 31 + layout.relativePath(Split.TRAIN, (int) file).hashCode();
                changes++;
                previous = file;
            }
            digest = digest * 31 + row * 31L + length;
            samples += length;
        }
    }
}
