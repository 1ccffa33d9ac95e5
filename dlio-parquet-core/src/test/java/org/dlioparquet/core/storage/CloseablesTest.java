package org.dlioparquet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloseablesTest {

    @Test
    void closesEveryResourceAndKeepsTheFirstFailureAsTheOneThrown() {
        List<String> closed = new ArrayList<>();
        IOException why = new IOException("f.npz: corrupt");
        IOException closeFailure = new IOException("close failed");

        Closeables.closeAfterFailure(why, () -> closed.add("array"), null, () -> {
            closed.add("channel");
            throw closeFailure;
        }, () -> closed.add("last"));

        assertThat(closed).containsExactly("array", "channel", "last");
        assertThat(why).hasMessage("f.npz: corrupt");
        assertThat(why.getSuppressed()).containsExactly(closeFailure);
    }
}
