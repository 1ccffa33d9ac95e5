package org.dlioparquet.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;

class DatasetPlanTest {

    @Test
    void sampleShapeIsFloorOfSqrtOfTheRecordLengthSquared() {
        DatasetPlan plan = new DatasetPlan(TestDatasets.of(FormatType.NPZ).recordLength(114660.07).build(), "npz");

        assertThat(plan.spec(0).sampleShape()).containsExactly(338, 338);
        assertThat(plan.spec(0).sampleElements()).isEqualTo(114244);
    }

    @Test
    void jitteredDimensionsAreDliosWithSeedTen() {
        // numpy: np.random.seed(10); [max(int(x),1) for x in np.random.normal(64, 1024/2/64, 6)]
        DatasetPlan plan = new DatasetPlan(TestDatasets.of(FormatType.NPZ).files(2, 1).recordLength(4096)
                .recordLengthStdev(1024).build(), "npz");

        List<List<Integer>> shapes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            shapes.add(plan.spec(i).sampleShape());
        }
        assertThat(shapes).containsExactly(List.of(74, 69), List.of(51, 63), List.of(68, 58));
    }

    @Test
    void unet3dSizesMatchDlio() {
        // numpy: np.random.seed(10); normal(12107, 68341808/2/sqrt(146600628), 8)
        DatasetPlan plan = new DatasetPlan(TestDatasets.of(FormatType.NPZ).files(4, 0).recordLength(146600628)
                .recordLengthStdev(68341808).build(), "npz");

        assertThat(plan.spec(0).sampleShape()).containsExactly(15865, 14125);
        assertThat(plan.spec(3).sampleShape()).containsExactly(12856, 12413);
    }

    @Test
    void recordDimsGiveEveryFileTheSameShape() {
        DatasetPlan plan = new DatasetPlan(TestDatasets.of(FormatType.NPZ).files(3, 0).recordDims(3, 8, 8).build(), "npz");

        assertThat(plan.spec(2).sampleShape()).containsExactly(3, 8, 8);
    }

    @Test
    void filesAreNumberedTrainThenEvalWithDistinctSeeds() {
        DatasetPlan plan = new DatasetPlan(TestDatasets.of(FormatType.NPZ).files(3, 2).build(), "npz");

        FileSpec firstEval = plan.spec(3);
        assertThat(firstEval.split()).isEqualTo(Split.EVAL);
        assertThat(firstEval.index()).isZero();
        assertThat(firstEval.relativePath()).isEqualTo("valid/img_0_of_2.npz");
        assertThat(plan.spec(Split.EVAL, 1)).isEqualTo(plan.spec(4));
        assertThat(plan.spec(0).seed()).isNotEqualTo(plan.spec(1).seed());
        assertThat(new DatasetPlan(TestDatasets.of(FormatType.NPZ).files(3, 2).seed(11).build(), "npz").spec(0).seed())
                .isNotEqualTo(plan.spec(0).seed());
    }
}
