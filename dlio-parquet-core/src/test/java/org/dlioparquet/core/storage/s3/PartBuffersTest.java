package org.dlioparquet.core.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartBuffersTest {
    private static final int PART = 1 << 20;

    @Test
    void aPartsArrayIsReusedAndHoldsTheLongestPart() {
        PartBuffers pool = new PartBuffers(PART, PART);
        byte[] first = pool.take(PART);
        assertThat(first).hasSize(PART + PART / 4);
        pool.give(first);
        assertThat(pool.take(PART - 1)).isSameAs(first);
    }

    /** Objects opened ahead each hold their parts: all of them come back for the next objects. */
    @Test
    void keepsAsManyArraysAsWereOutAtOnce() {
        PartBuffers pool = new PartBuffers(PART, PART);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(pool.take(PART));
        }
        out.forEach(pool::give);
        assertThat(pool.kept()).isEqualTo(5);
        List<byte[]> again = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            again.add(pool.take(PART));
        }
        assertThat(again).as("no new array").allMatch(a -> out.stream().anyMatch(o -> o == a));
        again.forEach(pool::give);
        assertThat(pool.kept()).isEqualTo(5);
    }

    @Test
    void aShortRangeGetsAnArrayOfItsOwnThatIsNotKept() {
        PartBuffers pool = new PartBuffers(PART, 4L * PART);
        byte[] footer = pool.take(64 << 10);
        assertThat(footer).hasSize(64 << 10);
        pool.give(footer);
        assertThat(pool.kept()).isZero();
    }
}
