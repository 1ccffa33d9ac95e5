package org.dlioparquet.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.dlioparquet.cli.bench.BenchOptions;
import org.dlioparquet.cli.bench.BenchReport;
import org.dlioparquet.cli.bench.BenchSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dlio-parquet bench}: the harness's own throughput against plain FileChannel I/O. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure generation, epoch reads, a DLRM-like column projection and the compute emulator "
                + "through the real generator and runner, each case in a child JVM, against plain FileChannel "
                + "I/O of the same files measured in the same run. Prints a Markdown table (progress on stderr).",
                "Takes tens of minutes at full size on a 2-core machine (each case warms up until its JIT is quiet); "
                        + "--quick a few."})
final class BenchCommand implements Callable<Integer> {
    /** What {@code --only} takes: the regular sections, and {@code memory} for the opt-in checks. */
    enum Part { GENERATE, READ, TRACE, DIRECT, CHECKPOINT, MPI, DLRM, COMPUTE, S3, MEMORY }

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the Markdown report to FILE.")
    Path out;

    @Option(names = "--quick", description = "A small run: " + BenchOptions.QUICK_SIZE_MIB + " MiB per case, "
            + BenchOptions.QUICK_REPS + " repetitions, shorter compute-emulator runs.")
    boolean quick;

    @Option(names = "--size-mib", paramLabel = "MIB", description = "Payload of each case's dataset (default "
            + BenchOptions.DEFAULT_SIZE_MIB + ", --quick " + BenchOptions.QUICK_SIZE_MIB + ").")
    Integer sizeMiB;

    @Option(names = "--reps", paramLabel = "N", description = "Measured repetitions per case, after the warm-up "
            + "(default " + BenchOptions.DEFAULT_REPS + ", --quick " + BenchOptions.QUICK_REPS + ").")
    Integer reps;

    @Option(names = "--warm-up-seconds", paramLabel = "S", description = "How long each case's child JVM repeats "
            + "its work unmeasured before the measured repetitions, at least once (default "
            + BenchOptions.DEFAULT_WARM_UP_SECONDS + ", --quick 0: one repetition), so that compiled code is measured; "
            + "then up to twice as long again until its JIT is quiet (a measured repetition during which the JIT "
            + "was busy is done again, up to 3 times).")
    Double warmUpSeconds;

    @Option(names = "--work", paramLabel = "DIR", defaultValue = ".",
            description = "Folder in which the run makes its own temporary folder; its file system is the one "
                    + "measured (default: the current directory).")
    Path work;

    @Option(names = "--keep", description = "Keep the temporary folder (datasets, child JVM logs).")
    boolean keep;

    @Option(names = "--drop-caches", description = "Cold reads: drop the page cache before every read repetition "
            + "(needs root).")
    boolean dropCaches;

    @Option(names = "--big-file", description = "Also check an epoch over one 2 GiB Parquet file with 64 MiB row "
            + "groups in a JVM with -Xmx512m (needs 2 GiB of disk).")
    boolean bigFile;

    @Option(names = "--million-files", description = "Also check planning and ordering an epoch over 1,000,000 "
            + "files in a JVM with -Xmx200m.")
    boolean millionFiles;

    @Option(names = "--only", paramLabel = "PART", split = ",",
            description = "Run only these parts: generate, read, trace, direct (O_DIRECT epochs against fio), "
                    + "checkpoint, mpi, dlrm, compute, s3 (only when asked: needs --s3-endpoint), memory (the checks "
                    + "asked for with --big-file/--million-files).")
    List<Part> only = new ArrayList<>();

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "The S3 server of the s3 part, e.g. "
            + "http://127.0.0.1:9000; credentials and region come from the AWS SDK's default chain (AWS_ACCESS_KEY_ID, "
            + "AWS_SECRET_ACCESS_KEY, AWS_REGION), never from the command line.")
    URI s3Endpoint;

    @Option(names = "--s3-bucket", paramLabel = "NAME", defaultValue = BenchOptions.DEFAULT_S3_BUCKET,
            description = "The bucket the s3 part works in, below a fresh prefix it deletes at the end (created when "
                    + "missing; default ${DEFAULT-VALUE}).")
    String s3Bucket;

    @Option(names = "--jvm-opt", paramLabel = "OPTION", description = "A JVM option for every child JVM "
            + "(repeatable), e.g. --jvm-opt=-Xmx4g.")
    List<String> jvmOptions = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The core's options for what was typed. */
    BenchOptions options() {
        if (only.contains(Part.MEMORY) && !bigFile && !millionFiles) {
            throw new IllegalArgumentException("--only memory needs --big-file and/or --million-files");
        }
        Set<BenchOptions.Section> sections = EnumSet.noneOf(BenchOptions.Section.class);
        for (BenchOptions.Section s : BenchOptions.Section.values()) {
            boolean asked = only.contains(Part.valueOf(s.name()));
            if (asked || only.isEmpty() && s != BenchOptions.Section.S3) {
                sections.add(s);
            }
        }
        boolean memory = only.isEmpty() || only.contains(Part.MEMORY);
        int size = sizeMiB != null ? sizeMiB : quick ? BenchOptions.QUICK_SIZE_MIB : BenchOptions.DEFAULT_SIZE_MIB;
        int repetitions = reps != null ? reps : quick ? BenchOptions.QUICK_REPS : BenchOptions.DEFAULT_REPS;
        double warmUp = warmUpSeconds != null ? warmUpSeconds : quick ? 0 : BenchOptions.DEFAULT_WARM_UP_SECONDS;
        return new BenchOptions(work, size, repetitions, warmUp, quick, keep, dropCaches, bigFile && memory,
                millionFiles && memory, sections, jvmOptions, commandLine(), s3Endpoint, s3Bucket);
    }

    private String commandLine() {
        return "./dlio-parquet " + ShellWords.join(spec.commandLine().getParseResult().originalArgs());
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BenchOptions options = options();
        BenchReport report = new BenchSuite(options, line -> {
            err.println(line);
            err.flush();
        }).run();
        String markdown = report.toMarkdown();
        out.print(markdown);
        out.flush();
        if (this.out != null) {
            Path parent = this.out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(this.out, markdown, StandardCharsets.UTF_8);
        }
        if (!report.allOk()) {
            err.println("dlio-parquet: some cases failed; the table says which and why");
            return ExitCodes.INTERNAL;
        }
        return ExitCodes.OK;
    }
}
