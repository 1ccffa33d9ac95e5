package org.dlioparquet.core.run;

import org.dlioparquet.core.spi.SeededContent;

/**
 * What a random stream of a run is for. Each purpose mixes its own tag into {@code train.seed}, and
 * then the ids of whoever draws (rank, reader thread) one at a time, so no two streams coincide
 * however many ranks or threads there are (adding ids to offsets did: rank 1000's compute stream
 * was rank 0's evaluation stream).
 */
enum SeedPurpose {
    /** {@code train.computation_time} draws of one accelerator. */
    COMPUTE,
    /** {@code evaluation.eval_time} draws of one accelerator. */
    EVAL_COMPUTE,
    /** {@code reader.preprocess_time} draws of one reader thread of one accelerator. */
    PREPROCESS,
    /** The evaluation split's sample order, derived from the epoch's seed. */
    EVAL_ORDER;

    /** The seed of this purpose's stream for {@code ids} (e.g. rank, then thread), from {@code base}. */
    long seed(long base, long... ids) {
        long h = SeededContent.mix(base, 0x5EED_0000L + ordinal());
        for (long id : ids) {
            h = SeededContent.mix(h, id);
        }
        return h;
    }
}
