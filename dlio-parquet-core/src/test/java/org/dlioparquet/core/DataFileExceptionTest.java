package org.dlioparquet.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataFileExceptionTest {

    @Test
    void bytesQuotedFromADamagedFileNeverBreakTheLine() {
        DataFileException e = new DataFileException(Path.of("/d/x.npz"), "key 'x' not found (members: x.npyPK\u0003\u0004\n)");

        assertThat(e.getMessage()).isEqualTo("/d/x.npz: key 'x' not found (members: x.npyPK\\x03\\x04\\n)");
        assertThat(e.reason()).doesNotContain("\n");
    }

    @Test
    void longReasonsAreCut() {
        DataFileException e = new DataFileException(Path.of("f"), "a".repeat(5000));

        assertThat(e.getMessage()).hasSizeLessThan(700).endsWith("...");
    }
}
