package org.dlioparquet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line in a JVM whose heap is too small: its own exit code and a line that says what to change. */
class OutOfMemoryTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aListColumnDatagenInA64MiBHeapExitsSixNamingTheHeapSetting() throws Exception {
        Path yaml = dir.resolve("list.yaml");
        Files.writeString(yaml, """
                dataset:
                  format: parquet
                  data_folder: data
                  num_files_train: 1
                  num_samples_per_file: 256
                  parquet:
                    columns:
                      - {name: a, dtype: list, size: 262144}
                """);
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), DlioParquetCli.class.getName(), "datagen",
                yaml.toString())).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor(100, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isEqualTo(ExitCodes.MEMORY);
        assertThat(output.lines().filter(l -> l.startsWith("dlio-parquet: ")).toList()).singleElement().asString()
                .startsWith("dlio-parquet: out of memory (Java heap space): the Java heap (64.0 MiB) is too small for "
                        + "this workload; give the JVM more (-Xmx, e.g. DLIO_JAVA_OPTS=-Xmx4g");
        assertThat(dir.resolve("data/train/img_0_of_1.parquet")).doesNotExist();
    }
}
