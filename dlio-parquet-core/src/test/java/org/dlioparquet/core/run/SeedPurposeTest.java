package org.dlioparquet.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedPurposeTest {
    /** With offsets (1000 + rank, 2000 + rank) rank 1000's compute stream was rank 0's eval stream. */
    @Test
    void noTwoStreamsOfARunShareASeedWhateverTheRankAndThreadCounts() {
        Set<Long> seeds = new HashSet<>();
        int streams = 0;
        for (int rank = 0; rank < 4096; rank++) {
            seeds.add(SeedPurpose.COMPUTE.seed(123, rank));
            seeds.add(SeedPurpose.EVAL_COMPUTE.seed(123, rank));
            streams += 2;
            for (int thread = 0; thread < 8; thread++) {
                seeds.add(SeedPurpose.PREPROCESS.seed(123, rank, thread));
                streams++;
            }
        }
        for (int epoch = 0; epoch < 100; epoch++) {
            seeds.add(SeedPurpose.EVAL_ORDER.seed(123 + epoch));
            streams++;
        }

        assertThat(seeds).hasSize(streams);
    }

    @Test
    void theSameIdsGiveTheSameSeedAndAnotherBaseAnother() {
        assertThat(SeedPurpose.COMPUTE.seed(123, 7)).isEqualTo(SeedPurpose.COMPUTE.seed(123, 7))
                .isNotEqualTo(SeedPurpose.COMPUTE.seed(124, 7));
        assertThat(SeedPurpose.PREPROCESS.seed(123, 1, 2)).isNotEqualTo(SeedPurpose.PREPROCESS.seed(123, 2, 1));
    }
}
