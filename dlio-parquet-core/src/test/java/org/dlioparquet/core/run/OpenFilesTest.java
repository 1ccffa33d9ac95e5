package org.dlioparquet.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.spi.SampleFile;
import org.junit.jupiter.api.Test;

class OpenFilesTest {
    private final List<String> closed = new ArrayList<>();

    private SampleFile file(String name) {
        return new EmptyFile(Path.of(name), 1) {
            @Override
            public void close() {
                closed.add(name);
            }
        };
    }

    @Test
    void aFullCacheClosesTheLeastRecentlyUsedFile() throws Exception {
        OpenFiles open = new OpenFiles(2);
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
    void closingOneFileFreesItsSlotAndClosingAllClosesTheRest() throws Exception {
        OpenFiles open = new OpenFiles(2);
        open.add(1, file("a"));
        open.add(2, file("b"));

        open.close(1);
        open.close(99);
        open.add(3, file("c"));

        assertThat(closed).containsExactly("a");
        assertThat(open.get(2)).isNotNull();
        open.close();
        assertThat(closed).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(open.get(3)).isNull();
    }
}
