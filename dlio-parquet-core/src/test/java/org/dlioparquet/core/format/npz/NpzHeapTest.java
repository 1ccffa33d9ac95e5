package org.dlioparquet.core.format.npz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.testing.ChildJvm;
import org.dlioparquet.core.testing.RunWorkloadMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An epoch over NPZ files of 32 MiB fits a 64 MiB heap: the runner keeps no array (it only counts
 * sizes), and an array a file would keep whole is bounded by the heap the JVM has, not a fixed 256 MiB.
 */
class NpzHeapTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void filesOf32MiBAreReadWithA64MiBHeap() throws Exception {
        Path yaml = dir.resolve("w.yaml");
        Files.writeString(yaml, """
                model: {name: small_heap}
                dataset: {format: npz, data_folder: data, num_files_train: 2, num_samples_per_file: 8,
                          record_length_bytes: 4194304}
                reader: {batch_size: 2, read_threads: 2}
                """);
        Dlio.generate(new WorkloadLoader().baseDirectory(dir).load(yaml, List.of()));
        Path log = dir.resolve("child.log");

        Process child = ChildJvm.start(RunWorkloadMain.class, log, List.of("-Xmx64m"), yaml.toString(),
                dir.resolve("out").toString());

        assertThat(child.waitFor(100, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(log)).as("two reader threads, each with two 32 MiB files open").endsWith("ok\n");
    }
}
