package org.dlioparquet.core.run;

import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.ReaderConfig;
import org.dlioparquet.core.config.Shuffle;
import org.dlioparquet.core.config.WorkloadConfig;

/**
 * What every accelerator of a run shares: the dataset's shape, the world it is sharded over, and
 * the run's seeds. {@code shuffle: random} draws one seed per run (the same on all local
 * accelerators, so they still partition one sequence); {@code seed} uses {@code train.seed}.
 */
final class RunContext {
    private final WorkloadConfig config;
    private final int worldSize;
    private final long randomSeed;

    RunContext(WorkloadConfig config, int worldSize, long randomSeed) {
        this.config = config;
        this.worldSize = worldSize;
        this.randomSeed = randomSeed;
    }

    /** The seed of one stream of this run (compute draws of a rank, preprocessing of a reader thread). */
    long seed(SeedPurpose purpose, long... ids) {
        return purpose.seed(config.train().seed(), ids);
    }

    EpochSampleOrder order(Split split, int rank, int batchSize, int epoch) {
        ReaderConfig r = config.reader();
        long files = split == Split.TRAIN ? config.dataset().numFilesTrain() : config.dataset().numFilesEval();
        return new EpochSampleOrder(files, config.dataset().numSamplesPerFile(), rank, worldSize, batchSize,
                r.fileShuffle(), r.sampleShuffle(), epochSeed(split, epoch));
    }

    /** {@code seed + epoch} (or {@code seed} without {@code seed_change_epoch}); eval draws its own. */
    long epochSeed(Split split, int epoch) {
        boolean random = config.reader().fileShuffle() == Shuffle.RANDOM
                || config.reader().sampleShuffle() == Shuffle.RANDOM;
        long base = random ? randomSeed : config.train().seed();
        long seed = base + (config.train().seedChangeEpoch() ? epoch : 0);
        return split == Split.TRAIN ? seed : SeedPurpose.EVAL_ORDER.seed(seed);
    }
}
