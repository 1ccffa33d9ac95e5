package org.dlioparquet.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.spi.SampleFile;
import org.junit.jupiter.api.Test;

class OpenFilesTest {
    private final List<String> closed = new ArrayList<>();

    /** A file that says it holds {@code held[0]} bytes. */
    private SampleFile file(String name, long[] held) {
        return new EmptyFile(Path.of(name), 1) {
            @Override
            public long retainedBytes() {
                return held[0];
            }

            @Override
            public void close() {
                closed.add(name);
            }
        };
    }

    private SampleFile file(String name) {
        return file(name, new long[1]);
    }

    @Test
    void atTheOpenFileLimitTheLeastRecentlyUsedFileIsClosed() throws Exception {
        OpenFiles open = new OpenFiles(Long.MAX_VALUE, 2);
        open.add(10, file("a"));
        open.add(20, file("b"));
        assertThat(open.get(10).file.path()).isEqualTo(Path.of("a"));

        open.add(30, file("c"));

        assertThat(closed).containsExactly("b");
        assertThat(open.get(20)).isNull();
        assertThat(open.get(10).file.path()).isEqualTo(Path.of("a"));
        assertThat(open.get(30).file.path()).isEqualTo(Path.of("c"));
    }

    @Test
    void filesStayOpenWhileWhatTheyHoldFitsTheBudget() throws Exception {
        OpenFiles open = new OpenFiles(300, 1000);
        long[] a = {100};
        long[] b = {100};
        long[] c = {100};
        open.settle(open.add(1, file("a", a)));
        open.settle(open.add(2, file("b", b)));
        open.settle(open.add(3, file("c", c)));

        assertThat(closed).isEmpty();
        assertThat(open.retainedBytes()).isEqualTo(300);

        // b grows (a row group decoded): the least recently used other file, a, is closed
        b[0] = 150;
        open.settle(open.get(2));

        assertThat(closed).containsExactly("a");
        assertThat(open.retainedBytes()).isEqualTo(250);
        assertThat(open.get(1)).isNull();
    }

    @Test
    void aFileLargerThanTheBudgetStaysOpenAloneWhileItIsRead() throws Exception {
        OpenFiles open = new OpenFiles(100, 1000);
        open.settle(open.add(1, file("small", new long[] {50})));
        OpenFiles.OpenFile big = open.add(2, file("big", new long[] {500}));
        open.settle(big);

        assertThat(closed).containsExactly("small");
        assertThat(open.size()).isEqualTo(1);
        assertThat(open.get(2)).isSameAs(big);
    }

    @Test
    void closingOneFileFreesItsShareAndClosingAllClosesTheRest() throws Exception {
        OpenFiles open = new OpenFiles(1000, 2);
        open.settle(open.add(1, file("a", new long[] {40})));
        open.settle(open.add(2, file("b", new long[] {60})));

        open.close(1);
        open.close(99);
        assertThat(open.retainedBytes()).isEqualTo(60);
        open.add(3, file("c"));

        assertThat(closed).containsExactly("a");
        assertThat(open.get(2)).isNotNull();
        open.close();
        assertThat(closed).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(open.get(3)).isNull();
        assertThat(open.retainedBytes()).isZero();
    }
}
