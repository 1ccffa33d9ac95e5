package org.dlioparquet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileChannelBaselinesTest {
    @TempDir
    Path dir;

    @Test
    void writesEveryFileAtItsSizeAndStartsAfreshEachRepetition() throws IOException {
        long[] sizes = {3 << 20, 1, (1 << 20) + 7, 0, 5000};
        FileChannelWrites writes = new FileChannelWrites(dir.resolve("w"), sizes, 2);

        writes.rep();
        RepMeasure m = writes.rep();

        List<Path> files = FileTrees.files(dir.resolve("w"));
        assertThat(files).hasSize(sizes.length);
        for (int i = 0; i < sizes.length; i++) {
            assertThat(Files.size(dir.resolve("w").resolve("f" + i))).isEqualTo(sizes[i]);
        }
        assertThat(m.get(RepMeasure.BYTES)).isEqualTo((double) ((3 << 20) + 1 + (1 << 20) + 7 + 5000));
        assertThat(m.get(RepMeasure.MIBPS)).isPositive();
    }

    @Test
    void readsEveryByteOfEveryFileWithAnyThreadCount() throws IOException {
        Path a = Files.write(dir.resolve("a"), new byte[(1 << 20) + 3]);
        Path b = Files.write(dir.resolve("b"), new byte[10]);
        Path c = Files.write(dir.resolve("c"), new byte[0]);

        for (int threads : new int[] {1, 2, 5}) {
            RepMeasure m = new FileChannelReads(List.of(a, b, c), threads).rep();

            assertThat(m.get(RepMeasure.BYTES)).isEqualTo((double) ((1 << 20) + 13));
            assertThat(m.get(RepMeasure.SECONDS)).isPositive();
        }
    }

    @Test
    void parkSleepsReportOneOvershootPerSleepNeverNegative() {
        RepMeasure m = new ParkSleeps(0.0005, 4).rep();

        assertThat(m.samples()).hasSize(4);
        assertThat(Arrays.stream(m.samples()).min().orElseThrow()).isGreaterThanOrEqualTo(0);
    }
}
