package org.dlioparquet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class Crc32cCombinationTest {
    private static int crcOf(byte[] b, int from, int to) {
        CRC32C c = new CRC32C();
        c.update(b, from, to - from);
        return (int) c.getValue();
    }

    @Test
    void twoRangesJoinIntoTheCrcOfTheirBytesOneAfterTheOther() {
        SplittableRandom random = new SplittableRandom(42);
        byte[] bytes = new byte[70_000];
        random.nextBytes(bytes);
        for (int split : new int[] {0, 1, 7, 8, 4096, 33_333, 69_999, 70_000}) {
            int joined = Crc32cCombination.combine(crcOf(bytes, 0, split), crcOf(bytes, split, bytes.length),
                    bytes.length - split);
            assertThat(joined).as("split at %d", split).isEqualTo(crcOf(bytes, 0, bytes.length));
        }
    }

    @Test
    void manyRangesJoinInFileOrder() {
        SplittableRandom random = new SplittableRandom(7);
        byte[] bytes = new byte[1 << 20];
        random.nextBytes(bytes);
        int[] cuts = random.ints(20, 0, bytes.length).sorted().toArray();
        int[] bounds = new int[cuts.length + 2];
        System.arraycopy(cuts, 0, bounds, 1, cuts.length);
        bounds[bounds.length - 1] = bytes.length;
        int joined = 0;
        for (int i = 1; i < bounds.length; i++) {
            joined = Crc32cCombination.combine(joined, crcOf(bytes, bounds[i - 1], bounds[i]), bounds[i] - bounds[i - 1]);
        }
        assertThat(joined).as("ranges at %s", Arrays.toString(bounds)).isEqualTo(crcOf(bytes, 0, bytes.length));
    }

    @Test
    void lengthsPastFourGibJoinTheSameWhicheverWayTheyAreGrouped() {
        // ranges too long to checksum here: joining is associative, which exercises every bit of a length
        int a = 0x12345678;
        int b = 0x9ABCDEF0;
        int c = 0x0F1E2D3C;
        long lengthB = 5_000_000_123L;
        long lengthC = (1L << 40) + 17;
        int left = Crc32cCombination.combine(Crc32cCombination.combine(a, b, lengthB), c, lengthC);
        int right = Crc32cCombination.combine(a, Crc32cCombination.combine(b, c, lengthC), lengthB + lengthC);
        assertThat(left).isEqualTo(right);
        assertThat(Crc32cCombination.combine(a, b, lengthB)).isNotEqualTo(Crc32cCombination.combine(a, b, lengthB + 1));
    }
}
