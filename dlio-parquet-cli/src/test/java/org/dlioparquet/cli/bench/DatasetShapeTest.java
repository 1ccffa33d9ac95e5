package org.dlioparquet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatasetShapeTest {
    private static final long MIB = 1 << 20;

    @Test
    void aGibibyteOfMebibyteSamplesIsSixteenFilesOfSixtyFour() {
        DatasetShape s = DatasetShape.of(1024 * MIB, MIB, 16);

        assertThat(s).isEqualTo(new DatasetShape(16, 64));
        assertThat(s.samples()).isEqualTo(1024);
        assertThat(s.batchSize(MIB, 8 * MIB)).isEqualTo(8);
    }

    @Test
    void aSmallDatasetHasOneSamplePerFileAndABatchItCanFill() {
        DatasetShape s = DatasetShape.of(4 * MIB, MIB, 16);

        assertThat(s).isEqualTo(new DatasetShape(4, 1));
        assertThat(s.batchSize(MIB, 8 * MIB)).isEqualTo(4);
    }

    @Test
    void lessThanOneSampleStillMakesOne() {
        assertThat(DatasetShape.of(1000, MIB, 16)).isEqualTo(new DatasetShape(1, 1));
    }

    @Test
    void samplesThatDoNotDivideEvenlyAreDroppedNotSpreadUnevenly() {
        DatasetShape s = DatasetShape.of(35 * MIB, MIB, 16);

        assertThat(s).isEqualTo(new DatasetShape(16, 2));
    }
}
