package org.dlioparquet.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dlioparquet.core.config.Shuffle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EpochSampleOrderTest {

    private static List<Long> ids(EpochSampleOrder o) {
        List<Long> out = new ArrayList<>();
        for (long k = 0; k < o.steps() * o.batchSize(); k++) {
            out.add(o.sampleId(k));
        }
        return out;
    }

    @Test
    void dliosTrimmingBugIsGone64FilesOf64SamplesWithBatch4Train() {
        EpochSampleOrder o = new EpochSampleOrder(64, 64, 0, 1, 4, Shuffle.OFF, Shuffle.OFF, 123);

        assertThat(o.steps()).isEqualTo(1024);
    }

    @ParameterizedTest
    @CsvSource({"64,64,4,1", "64,64,4,4", "17,3,2,3", "10,1,3,2", "8,8,8,2"})
    void stepsAreFloorOfSamplesOverBatchOverRanksOnEveryRank(int files, int perFile, int batch, int ranks) {
        for (int r = 0; r < ranks; r++) {
            EpochSampleOrder o = new EpochSampleOrder(files, perFile, r, ranks, batch, Shuffle.SEED, Shuffle.SEED, 5);
            assertThat(o.steps()).isEqualTo((long) files * perFile / batch / ranks);
        }
    }

    @ParameterizedTest
    @CsvSource({"OFF,OFF", "SEED,OFF", "OFF,SEED", "SEED,SEED"})
    void everySampleIsReadExactlyOncePerEpochAcrossRanks(Shuffle files, Shuffle samples) {
        int ranks = 4;
        Set<Long> seen = new HashSet<>();
        int read = 0;
        for (int r = 0; r < ranks; r++) {
            for (long id : ids(new EpochSampleOrder(32, 8, r, ranks, 4, files, samples, 99))) {
                assertThat(seen.add(id)).as("sample %d read twice", id).isTrue();
                read++;
            }
        }
        assertThat(read).isEqualTo(32 * 8);
        assertThat(seen).hasSize(32 * 8).allMatch(id -> id >= 0 && id < 256);
    }

    @Test
    void unevenDatasetsReadNoSampleTwiceAndTheSameNumberPerRank() {
        Set<Long> seen = new HashSet<>();
        for (int r = 0; r < 3; r++) {
            List<Long> mine = ids(new EpochSampleOrder(13, 1, r, 3, 2, Shuffle.SEED, Shuffle.SEED, 1));
            assertThat(mine).hasSize(4);
            for (long id : mine) {
                assertThat(seen.add(id)).isTrue();
            }
        }
    }

    @Test
    void withoutShuffleARankReadsItsContiguousRangeInFileOrder() {
        EpochSampleOrder o = new EpochSampleOrder(4, 2, 1, 2, 2, Shuffle.OFF, Shuffle.OFF, 0);

        assertThat(ids(o)).containsExactly(4L, 5L, 6L, 7L);
        assertThat(o.fileOf(0)).isEqualTo(2);
        assertThat(o.rowOf(1)).isEqualTo(1);
    }

    @Test
    void shuffleReallyChangesTheOrderAndSeedMakesItReproducible() {
        List<Long> plain = ids(new EpochSampleOrder(16, 4, 0, 1, 4, Shuffle.OFF, Shuffle.OFF, 123));
        List<Long> epoch1 = ids(new EpochSampleOrder(16, 4, 0, 1, 4, Shuffle.OFF, Shuffle.SEED, 124));
        List<Long> epoch1Again = ids(new EpochSampleOrder(16, 4, 0, 1, 4, Shuffle.OFF, Shuffle.SEED, 124));
        List<Long> epoch2 = ids(new EpochSampleOrder(16, 4, 0, 1, 4, Shuffle.OFF, Shuffle.SEED, 125));

        assertThat(epoch1).isNotEqualTo(plain).containsExactlyInAnyOrderElementsOf(plain);
        assertThat(epoch1Again).isEqualTo(epoch1);
        assertThat(epoch2).isNotEqualTo(epoch1);
    }

    @Test
    void fileShuffleMovesWholeFilesAndKeepsRowsInOrder() {
        EpochSampleOrder o = new EpochSampleOrder(16, 4, 0, 1, 4, Shuffle.SEED, Shuffle.OFF, 7);
        List<Long> files = new ArrayList<>();
        for (long k = 0; k < 64; k += 4) {
            files.add(o.fileOf(k));
            for (int row = 0; row < 4; row++) {
                assertThat(o.fileOf(k + row)).isEqualTo(o.fileOf(k));
                assertThat(o.rowOf(k + row)).isEqualTo(row);
            }
        }
        assertThat(files).isNotEqualTo(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L))
                .containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
    }

    /** The runs of samples {@code first .. first+count-1} as {@code [file, row, length]}. */
    private static List<List<Long>> runs(EpochSampleOrder o, long first, int count, boolean coalesce) {
        List<List<Long>> out = new ArrayList<>();
        o.forEachRun(first, count, coalesce, (file, row, length) -> out.add(List.of(file, (long) row, (long) length)));
        return out;
    }

    @Test
    void runsJoinConsecutiveRowsOfOneFileAndStopAtTheFilesEnd() {
        EpochSampleOrder o = new EpochSampleOrder(4, 4, 0, 1, 6, Shuffle.OFF, Shuffle.OFF, 0);

        assertThat(runs(o, 0, 6, true)).containsExactly(List.of(0L, 0L, 4L), List.of(1L, 0L, 2L));
        assertThat(runs(o, 6, 6, true)).containsExactly(List.of(1L, 2L, 2L), List.of(2L, 0L, 4L));
        assertThat(runs(o, 0, 2, false)).containsExactly(List.of(0L, 0L, 1L), List.of(0L, 1L, 1L));
        assertThat(runs(o, 3, 0, true)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"OFF,OFF", "SEED,OFF", "OFF,SEED", "SEED,SEED"})
    void runsVisitTheOrdersSamplesInOrderAndJoinEveryRunTheyCan(Shuffle files, Shuffle samples) {
        EpochSampleOrder o = new EpochSampleOrder(16, 8, 1, 2, 12, files, samples, 3);
        for (boolean coalesce : new boolean[] {true, false}) {
            for (long step = 0; step < o.steps(); step++) {
                long first = step * o.batchSize();
                long k = first;
                List<Long> previous = null;
                for (List<Long> run : runs(o, first, o.batchSize(), coalesce)) {
                    for (long i = 0; i < run.get(2); i++, k++) {
                        assertThat(o.fileOf(k)).isEqualTo(run.get(0));
                        assertThat(o.rowOf(k)).isEqualTo(run.get(1) + i);
                    }
                    if (!coalesce) {
                        assertThat(run.get(2)).isEqualTo(1);
                    } else if (previous != null) {
                        boolean joinable = run.get(0).equals(previous.get(0))
                                && run.get(1) == previous.get(1) + previous.get(2);
                        assertThat(joinable).as("runs %s and %s could be one", previous, run).isFalse();
                    }
                    previous = run;
                }
                assertThat(k).isEqualTo(first + o.batchSize());
            }
        }
    }
}
