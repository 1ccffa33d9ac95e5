package org.dlioparquet.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code dlio-parquet bench}: generation, epoch reads, a DLRM-like projection and the compute
 * emulator over the real generator and runner, each case in a child JVM and against a plain
 * {@code FileChannel} baseline measured in the same run. Works in a fresh folder inside
 * {@link BenchOptions#workFolder()} and deletes it unless asked to keep it.
 */
public final class BenchSuite {
    private final BenchOptions options;
    private final Consumer<String> progress;

    /** @param progress receives one line per case and step (the CLI prints them on stderr) */
    public BenchSuite(BenchOptions options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public BenchReport run() throws IOException {
        if (options.dropCaches()) {
            PageCache.checkDroppable();
        }
        Files.createDirectories(options.workFolder());
        Path root = Files.createTempDirectory(options.workFolder().toAbsolutePath(), "dlio-bench-");
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long t0 = System.nanoTime();
        try {
            MachineFacts machine = MachineFacts.of(root);
            BenchContext context = new BenchContext(options, root,
                    new CaseRunner(root.resolve("logs"), options.jvmOptions(), options.warmUpSeconds(), progress), progress);
            List<SectionResult> sections = new ArrayList<>();
            if (options.includes(BenchOptions.Section.GENERATE)) {
                sections.add(new GenerationBench(context).run());
            }
            if (options.includes(BenchOptions.Section.READ)) {
                sections.add(new ReadBench(context, ReadBench.Variant.WARM).run());
            }
            if (options.includes(BenchOptions.Section.TRACE)) {
                sections.add(new ReadBench(context, ReadBench.Variant.TRACE).run());
            }
            if (options.includes(BenchOptions.Section.DIRECT)) {
                sections.add(new ReadBench(context, ReadBench.Variant.DIRECT).run());
            }
            if (options.includes(BenchOptions.Section.CHECKPOINT)) {
                sections.add(new CheckpointBench(context).run());
            }
            if (options.includes(BenchOptions.Section.MPI)) {
                sections.add(new MpiBench(context).run());
            }
            if (options.includes(BenchOptions.Section.DLRM)) {
                sections.add(new DlrmBench(context).run());
            }
            if (options.includes(BenchOptions.Section.COMPUTE)) {
                sections.add(new ComputeBench(context).run());
            }
            if (options.includes(BenchOptions.Section.S3)) {
                sections.add(new S3Bench(context, options.s3Endpoint(), options.s3Bucket()).run());
            }
            if (options.bigFile() || options.millionFiles()) {
                sections.add(new MemoryChecks(context).run());
            }
            return new BenchReport(options.command(), machine, root.toString(), options, start,
                    Duration.ofNanos(System.nanoTime() - t0), MachineFacts.currentLoadAverage(), sections);
        } finally {
            if (options.keep()) {
                progress.accept("bench: kept " + root);
            } else {
                FileTrees.delete(root);
            }
        }
    }
}
