package org.dlioparquet.core.format.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineIndexTest {
    @Test
    void keepsEveryLineUntilFullThenEveryOtherOne() {
        LineIndex index = new LineIndex(4);
        for (int line = 0; line <= 10; line++) {
            index.lineStart(line * 100L); // 10 lines, the 11th call marks the end of the last line end
        }
        index.finish(10, 1000);
        // 4 entries cannot hold 10 lines one by one: lines 0, 4, 8 remain (stride 4)
        assertThat(index.indexedLineAtOrBefore(0)).isZero();
        assertThat(index.indexedLineAtOrBefore(7)).isEqualTo(4);
        assertThat(index.offsetOf(4)).isEqualTo(400);
        assertThat(index.indexedLineAtOrBefore(9)).isEqualTo(8);
        assertThat(index.offsetOf(8)).isEqualTo(800);
        assertThat(index.endBefore(5)).isEqualTo(800); // reading lines 4..4 ends at or after line 5's start
        assertThat(index.endBefore(8)).isEqualTo(800);
        assertThat(index.endBefore(9)).isEqualTo(1000);
        assertThat(index.endBefore(10)).isEqualTo(1000);
    }

    @Test
    void smallFilesKeepEveryLineStart() {
        LineIndex index = new LineIndex(LineIndex.DEFAULT_MAX_ENTRIES);
        for (int line = 0; line < 3; line++) {
            index.lineStart(line * 10L);
        }
        index.finish(3, 29); // no line end after the last line
        for (int line = 0; line < 3; line++) {
            assertThat(index.indexedLineAtOrBefore(line)).isEqualTo(line);
            assertThat(index.offsetOf(line)).isEqualTo(line * 10L);
        }
        assertThat(index.endBefore(2)).isEqualTo(20);
        assertThat(index.endBefore(3)).isEqualTo(29);
    }
}
