package org.dlioparquet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dlioparquet.cli.CliTestSupport.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.dlioparquet.cli.CliTestSupport.Result;
import org.dlioparquet.cli.bench.BenchOptions;
import org.dlioparquet.cli.bench.BenchOptions.Section;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {
    @TempDir
    Path dir;

    /** The options {@code dlio-parquet bench ARGS} would run with. */
    private static BenchOptions parse(String... args) {
        CommandLine cli = new CommandLine(new DlioParquetCli()).setCaseInsensitiveEnumValuesAllowed(true);
        String[] all = Stream.concat(Stream.of("bench"), Arrays.stream(args)).toArray(String[]::new);
        cli.parseArgs(all);
        BenchCommand bench = cli.getSubcommands().get("bench").getCommand();
        return bench.options();
    }

    @Test
    void byDefaultEverySectionAtFullSizeWithoutTheMemoryChecks() {
        BenchOptions o = parse();

        assertThat(o.sizeMiB()).isEqualTo(1024);
        assertThat(o.reps()).isEqualTo(5);
        assertThat(o.sections()).as("S3 only when asked").isEqualTo(EnumSet.complementOf(EnumSet.of(Section.S3)));
        assertThat(o.bigFile()).isFalse();
        assertThat(o.millionFiles()).isFalse();
        assertThat(o.keep()).isFalse();
        assertThat(o.dropCaches()).isFalse();
        assertThat(o.workFolder()).isEqualTo(Path.of("."));
        assertThat(o.command()).isEqualTo("./dlio-parquet bench");
    }

    @Test
    void quickIsSmallerAndExplicitSizesWinOverIt() {
        BenchOptions quick = parse("--quick");
        BenchOptions sized = parse("--quick", "--size-mib", "8", "--reps", "2");

        assertThat(quick.sizeMiB()).isEqualTo(64);
        assertThat(quick.reps()).isEqualTo(3);
        assertThat(quick.quick()).isTrue();
        assertThat(sized.sizeMiB()).isEqualTo(8);
        assertThat(sized.reps()).isEqualTo(2);
    }

    @Test
    void onlyPicksSectionsAndTheMemoryChecksNeedTheirFlags() {
        assertThat(parse("--only", "read,compute").sections()).containsExactlyInAnyOrder(Section.READ,
                Section.COMPUTE);
        assertThat(parse("--only", "read", "--big-file").bigFile()).isFalse();
        BenchOptions memory = parse("--only", "memory", "--big-file", "--million-files");
        assertThat(memory.sections()).isEmpty();
        assertThat(memory.bigFile()).isTrue();
        assertThat(memory.millionFiles()).isTrue();
        assertThat(parse("--only", "s3", "--s3-endpoint", "http://127.0.0.1:9000").sections()).containsExactly(Section.S3);
        assertThat(parse("--only", "s3", "--s3-endpoint", "http://127.0.0.1:9000").s3Bucket()).isEqualTo("dlio-bench");
        assertThatThrownBy(() -> parse("--only", "s3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--s3-endpoint");
        assertThatThrownBy(() -> parse("--only", "memory")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--big-file");
    }

    @Test
    void theRestOfTheOptionsReachTheRun() {
        BenchOptions o = parse("--work", dir.resolve("a b").toString(), "--keep", "--drop-caches",
                "--jvm-opt=-Xmx1g", "--jvm-opt=-XX:+UseSerialGC", "--million-files");

        assertThat(o.workFolder()).isEqualTo(dir.resolve("a b"));
        assertThat(o.keep()).isTrue();
        assertThat(o.dropCaches()).isTrue();
        assertThat(o.millionFiles()).isTrue();
        assertThat(o.jvmOptions()).containsExactly("-Xmx1g", "-XX:+UseSerialGC");
        // the report's command can be pasted back into a shell
        assertThat(o.command()).contains("--work '" + dir.resolve("a b") + "'");
    }

    @Test
    void badOptionsAreOneLineAndExitTwo() {
        Result reps = run("bench", "--reps", "0");
        Result only = run("bench", "--only", "memory");
        Result part = run("bench", "--only", "everything");

        assertThat(reps.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(reps.err()).isEqualTo("dlio-parquet: repetitions must be at least 1, got 0\n");
        assertThat(only.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(only.err().lines()).hasSize(1).first().asString().contains("--only memory needs --big-file");
        assertThat(part.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(part.err()).contains("--only").contains("everything");
        assertThat(reps.out() + only.out() + part.out()).isEmpty();
    }

    private static final List<String> EVERY_CASE = List.of(
            "generate parquet none, 1 writer", "generate parquet none, default writers",
            "generate parquet snappy, 1 writer", "generate parquet snappy, default writers",
            "generate parquet zstd, 1 writer", "generate parquet zstd, default writers",
            "generate npz, 1 writer", "generate npz, default writers",
            "generate csv, 1 writer", "generate csv, default writers",
            "generate tfrecord, 1 writer", "generate tfrecord, default writers",
            "generate hdf5, 1 writer", "generate hdf5, default writers",
            "generate indexed_binary, 1 writer", "generate indexed_binary, default writers",
            "generate npz 1 sample/file, 1 writer", "generate npz 1 sample/file, default writers",
            "generate parquet none 1 sample/file, 1 writer", "generate parquet none 1 sample/file, default writers",
            "read parquet 1 MiB, 1 thread", "read parquet 1 MiB, 2 threads",
            "read npz 1 MiB, 1 thread", "read npz 1 MiB, 2 threads",
            "read npz 1 sample/file 1 MiB, 1 thread", "read npz 1 sample/file 1 MiB, 2 threads",
            "read tfrecord 1 MiB, 1 thread", "read tfrecord 1 MiB, 2 threads",
            "read tfrecord as DALI (no payload CRC) 1 MiB, 1 thread",
            "read tfrecord as DALI (no payload CRC) 1 MiB, 2 threads",
            "read hdf5 1 MiB, 1 thread", "read hdf5 1 MiB, 2 threads",
            "read indexed_binary 1 MiB, 1 thread", "read indexed_binary 1 MiB, 2 threads",
            "read parquet 128 KiB, 1 thread", "read parquet 128 KiB, 2 threads",
            "read npz 128 KiB, 1 thread", "read npz 128 KiB, 2 threads",
            "read npz 1 sample/file 128 KiB, 1 thread", "read npz 1 sample/file 128 KiB, 2 threads",
            "read tfrecord 128 KiB, 1 thread", "read tfrecord 128 KiB, 2 threads",
            "read tfrecord as DALI (no payload CRC) 128 KiB, 1 thread",
            "read tfrecord as DALI (no payload CRC) 128 KiB, 2 threads",
            "read hdf5 128 KiB, 1 thread", "read hdf5 128 KiB, 2 threads",
            "read indexed_binary 128 KiB, 1 thread", "read indexed_binary 128 KiB, 2 threads",
            "read npz 1 sample/file 64 KiB, 1 thread", "read npz 1 sample/file 64 KiB, 2 threads",
            "read parquet 128 KiB, 1 thread, not traced", "read parquet 128 KiB, 1 thread, traced (trace_level sample)",
            "read parquet O_DIRECT 1 MiB, 1 thread", "read parquet O_DIRECT 1 MiB, 2 threads",
            "read parquet O_DIRECT read-ahead 1 MiB, 1 thread", "read parquet O_DIRECT read-ahead 1 MiB, 2 threads",
            "read npz 1 sample/file O_DIRECT 1 MiB, 1 thread", "read npz 1 sample/file O_DIRECT 1 MiB, 2 threads",
            "read npz 1 sample/file O_DIRECT read-ahead 1 MiB, 1 thread",
            "read npz 1 sample/file O_DIRECT read-ahead 1 MiB, 2 threads",
            "checkpoint save, 1 rank", "checkpoint load, 1 rank", "checkpoint save, 2 ranks", "checkpoint load, 2 ranks",
            "checkpoint save O_DIRECT, 1 rank", "checkpoint load O_DIRECT, 1 rank",
            "checkpoint save O_DIRECT, 2 ranks", "checkpoint load O_DIRECT, 2 ranks",
            "step barrier, 1 process x 2 threads", "step barrier, 2 processes x 2 threads",
            "step barrier, 3 processes x 2 threads", "training, 2 MPI processes x 1 accelerator vs 1 process x 2",
            "read dlrm_small (Parquet, column projection)",
            "computation_time 1 ms", "computation_time 10 ms");

    /** Every case of a tiny run, through real child JVMs: a row each, every figure positive. */
    @Test
    void aTinyRunHasARowWithPositiveFiguresForEveryCase() throws IOException {
        Path report = dir.resolve("reports/bench.md");

        Result r = run("bench", "--quick", "--size-mib", "2", "--reps", "1", "--work", dir.toString(),
                "--out", report.toString(), "--jvm-opt=-XX:TieredStopAtLevel=1", "--jvm-opt=-XX:+UseSerialGC");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("# dlio-parquet bench").contains("Command: `./dlio-parquet bench --quick")
                .contains("## Generation", "## Reading an epoch", "## Tracing", "## Reading an epoch with O_DIRECT, against fio",
                        "## Checkpoints", "## MPI",
                        "## DLRM-like Parquet",
                        "## Compute emulator precision");
        assertThat(Files.readString(report, StandardCharsets.UTF_8)).isEqualTo(r.out());
        List<List<String>> rows = r.out().lines().filter(l -> l.startsWith("| ") && !l.startsWith("| case"))
                .map(l -> Arrays.stream(l.substring(1, l.length() - 1).split(" \\| ")).map(String::trim).toList())
                .toList();
        assertThat(rows.stream().map(row -> row.get(0)).toList()).containsExactlyElementsOf(EVERY_CASE);
        for (List<String> row : rows) {
            List<String> numbers = row.stream().filter(c -> c.matches("-?[0-9]+(\\.[0-9]+)?")).toList();
            assertThat(numbers).as(row.toString()).hasSizeGreaterThanOrEqualTo(4)
                    .allSatisfy(n -> assertThat(Double.parseDouble(n)).as(row.toString()).isPositive());
            assertThat(row).as("no failed or missing figure").noneMatch(c -> c.startsWith("failed") || c.equals("n/a"));
        }
        // the run's folder is gone, the report stays
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly("reports");
        }
    }
}
