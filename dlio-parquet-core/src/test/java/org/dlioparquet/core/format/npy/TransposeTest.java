package org.dlioparquet.core.format.npy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tiled and 8x8-block transpose gives what the element-by-element definition gives. */
class TransposeTest {

    @ParameterizedTest(name = "{0} x {1} elements of {2} bytes")
    @CsvSource({"1,1,1", "8,8,1", "7,9,1", "64,64,1", "3000,24,1", "17,1000,1", "2050,67,1", "67,2050,1", "16,40000,1",
            "33,13,2", "100,8,4", "9,31,8", "5,3,3"})
    void matchesTheDefinition(int rows, int cols, int w) {
        check(rows, cols, w, 0, cols * w);
        // rows starting inside an I/O buffer, with other samples' elements between them
        check(rows, cols, w, 3 * w, cols * w + 2 * w);
    }

    private static void check(int rows, int cols, int w, int srcOffset, int srcStride) {
        Random random = new Random(rows * 31L + cols * 7L + w);
        byte[] src = new byte[srcOffset + rows * srcStride];
        random.nextBytes(src);
        int dstOffset = 5 * w; // as when a chunk of rows lands in the middle of each sample
        int dstStride = dstOffset + rows * w + 3 * w;
        byte[] dst = new byte[cols * dstStride];
        byte[] expected = dst.clone();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                System.arraycopy(src, srcOffset + r * srcStride + c * w, expected, dstOffset + c * dstStride + r * w,
                        w);
            }
        }
        Transpose.elements(src, srcOffset, srcStride, dst, dstOffset, dstStride, rows, cols, w);
        assertThat(dst).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({"8,8", "256,256", "4095,4095", "4096,4160", "1048576,1048640"})
    void rowsOfAPageAndMoreArePaddedByACacheLine(int bytes, int stride) {
        assertThat(Transpose.paddedStride(bytes)).isEqualTo(stride);
    }
}
