package org.dlioparquet.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.dlioparquet.core.Split;
import org.junit.jupiter.api.Test;

class DatasetLayoutTest {

    @Test
    void indexesArePaddedToTheDigitsOfTheFileCountAsDlioDoes() {
        assertThat(new DatasetLayout("img", "npz", 64, 0, 0, 0).relativePath(Split.TRAIN, 3))
                .isEqualTo("train/img_03_of_64.npz");
        assertThat(new DatasetLayout("img", "npz", 256, 0, 0, 0).relativePath(Split.TRAIN, 7))
                .isEqualTo("train/img_007_of_256.npz");
        assertThat(new DatasetLayout("img", "npz", 8, 0, 0, 0).relativePath(Split.TRAIN, 0))
                .isEqualTo("train/img_0_of_8.npz");
        assertThat(new DatasetLayout("part", "csv.gz", 10, 0, 0, 0).relativePath(Split.TRAIN, 9))
                .isEqualTo("train/part_09_of_10.csv.gz");
    }

    @Test
    void evalFilesLiveInValidAndAreNumberedFromZero() {
        DatasetLayout l = new DatasetLayout("img", "parquet", 64, 8, 0, 0);

        assertThat(l.relativePath(Split.EVAL, 0)).isEqualTo("valid/img_0_of_8.parquet");
        assertThat(l.relativePath(Split.EVAL, 7)).isEqualTo("valid/img_7_of_8.parquet");
    }

    @Test
    void subfoldersAreRoundRobinAndPadded() {
        DatasetLayout l = new DatasetLayout("img", "npz", 25, 4, 12, 2);

        assertThat(l.relativePath(Split.TRAIN, 0)).isEqualTo("train/00/img_00_of_25.npz");
        assertThat(l.relativePath(Split.TRAIN, 13)).isEqualTo("train/01/img_13_of_25.npz");
        assertThat(l.relativePath(Split.TRAIN, 11)).isEqualTo("train/11/img_11_of_25.npz");
        assertThat(l.relativePath(Split.EVAL, 3)).isEqualTo("valid/1/img_3_of_4.npz");
        assertThat(l.subfolderNames(Split.TRAIN)).hasSize(12).startsWith("00", "01").endsWith("11");
    }

    @Test
    void oneSubfolderMeansNone() {
        DatasetLayout l = new DatasetLayout("img", "npz", 4, 0, 1, 0);

        assertThat(l.relativePath(Split.TRAIN, 2)).isEqualTo("train/img_2_of_4.npz");
        assertThat(l.subfolderNames(Split.TRAIN)).isEmpty();
    }

    @Test
    void namesMapBackToTheirIndex() {
        DatasetLayout l = new DatasetLayout("img", "npz", 64, 8, 0, 0);

        assertThat(l.indexOf("img_07_of_64.npz", Split.TRAIN)).isEqualTo(7);
        assertThat(l.indexOf("img_7_of_8.npz", Split.EVAL)).isEqualTo(7);
        assertThat(l.indexOf("img_7_of_64.npz", Split.TRAIN)).as("not padded as DLIO pads").isEqualTo(-1);
        assertThat(l.indexOf("img_64_of_64.npz", Split.TRAIN)).isEqualTo(-1);
        assertThat(l.indexOf("img_07_of_64.csv", Split.TRAIN)).isEqualTo(-1);
        assertThat(l.indexOf("other_07_of_64.npz", Split.TRAIN)).isEqualTo(-1);
    }

    @Test
    void hugeIndexesAreNotFilesOfTheDataset() {
        DatasetLayout l = new DatasetLayout("img", "npz", 8, 0, 0, 0);

        assertThat(l.indexOf("img_99999999999_of_8.npz", Split.TRAIN)).isEqualTo(-1);
        assertThat(l.indexOf("img_4294967297_of_8.npz", Split.TRAIN)).isEqualTo(-1);
    }

    @Test
    void foldersAreTheSplitOrEachOfItsSubfolders() {
        DatasetLayout l = new DatasetLayout("img", "npz", 25, 4, 12, 0);

        assertThat(l.folders(Split.TRAIN)).hasSize(12).startsWith("train/00", "train/01").endsWith("train/11");
        assertThat(l.folders(Split.EVAL)).containsExactly("valid");
    }

    @Test
    void aFileCountsOnlyInItsOwnSubfolder() {
        DatasetLayout l = new DatasetLayout("img", "npz", 6, 2, 2, 0);

        assertThat(l.indexIn("train/1", "img_3_of_6.npz", Split.TRAIN)).isEqualTo(3);
        assertThat(l.indexIn("train/0", "img_3_of_6.npz", Split.TRAIN)).as("in another file's subfolder").isEqualTo(-1);
        assertThat(l.indexIn("train", "img_3_of_6.npz", Split.TRAIN)).as("above its subfolder").isEqualTo(-1);
        assertThat(l.indexIn("valid", "img_1_of_2.npz", Split.EVAL)).isEqualTo(1);
        assertThat(l.indexIn("train/1", "img_1_of_2.npz", Split.EVAL)).isEqualTo(-1);
    }
}
