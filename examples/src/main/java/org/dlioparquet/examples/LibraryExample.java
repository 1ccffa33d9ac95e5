package org.dlioparquet.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.GenerationResult;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.RunResult;
import org.dlioparquet.core.config.TimeDistribution;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.metrics.RunSummary;

/**
 * dlio-parquet as a plain library: describe a workload in Java, generate its Parquet dataset, run
 * two epochs against it and read the metrics.
 *
 * <pre>java -cp ... org.dlioparquet.examples.LibraryExample [work-folder]</pre>
 */
public final class LibraryExample {
    private LibraryExample() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args.length > 0 ? args[0] : "library-example");
        WorkloadConfig workload = WorkloadConfig.builder()
                .baseDirectory(work)
                .format(FormatType.PARQUET)
                .dataFolder(Path.of("data"))
                .numFilesTrain(8)
                .numSamplesPerFile(32)
                .recordLengthBytes(16384)
                .set("dataset.parquet.row_group_size", 8)
                .batchSize(8)
                .readThreads(2)
                .set("reader.sample_shuffle", "seed")
                .epochs(2)
                .computationTime(TimeDistribution.normal(0.004, 0.0005))
                .workflow(false, true, false)
                .build();

        GenerationResult written = Dlio.generate(workload);
        System.out.printf(Locale.ROOT, "generated %d files, %.1f MiB in %s%n", written.files(),
                written.bytes() / 1048576.0, written.dataFolder());

        RunResult result = Dlio.run(workload, RunOptions.defaults().withOutputFolder(work.resolve("output")));
        RunSummary s = result.summary();
        System.out.printf(Locale.ROOT, "AU %.1f %%, %.0f samples/s, %.1f MB/s read, sample latency p99 %.3f ms%n",
                s.trainAuMean(), s.trainThroughputMean(),
                s.epochs().stream().mapToDouble(e -> e.train().storageMiBps()).average().orElse(0),
                s.trainSampleLatency().p99());
        System.out.println("results in " + result.outputFolder().resolve("summary.json"));
    }
}
