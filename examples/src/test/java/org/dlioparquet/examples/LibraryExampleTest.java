package org.dlioparquet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryExampleTest {

    @Test
    void theLibraryExampleGeneratesRunsAndReports(@TempDir Path dir) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LibraryExample.main(new String[] {dir.toString()});
        } finally {
            System.setOut(original);
        }

        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("generated 8 files")
                .containsPattern("AU [0-9.]+ %, [0-9]+ samples/s, [0-9.]+ MB/s read, sample latency p99 [0-9.]+ ms");
        assertThat(dir.resolve("data/train/img_7_of_8.parquet")).exists();
        assertThat(dir.resolve("output/summary.json")).exists();
    }
}
