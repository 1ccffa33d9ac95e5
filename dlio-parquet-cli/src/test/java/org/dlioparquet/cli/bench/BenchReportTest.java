package org.dlioparquet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {
    private static final MachineFacts MACHINE = new MachineFacts(2, "AMD EPYC", 24L << 30, "OpenJDK 17.0.15",
            "Linux 6.1 amd64", "ext4 (/dev/vda)", 3.14159);

    private static BenchReport report(List<SectionResult> sections) {
        return new BenchReport("./dlio-parquet bench --quick", MACHINE, "/work/x/dlio-bench-1",
                BenchOptions.defaults(Path.of("/work/x")), Instant.parse("2026-11-21T15:00:00Z"),
                Duration.ofSeconds(412), 2.5, sections);
    }

    @Test
    void theReportStatesCommandMachineLoadAndSettingsBeforeTheTables() {
        MarkdownTable t = new MarkdownTable(List.of("case", "MiB/s")).row(List.of("read parquet", "2000"));
        CaseOutcome ok = new CaseOutcome("read parquet", null, List.of(), List.of(), ChildMemory.UNKNOWN, null);

        String md = report(List.of(new SectionResult("Reading an epoch", List.of("What it measures."), t,
                List.of(ok)))).toMarkdown();

        assertThat(md).contains("Command: `./dlio-parquet bench --quick`")
                .contains("2 cores (AMD EPYC), 24.0 GiB RAM, OpenJDK 17.0.15, Linux 6.1 amd64")
                .contains("/work/x/dlio-bench-1 on ext4 (/dev/vda)")
                .contains("3.14 at the start, 2.50 at the end")
                .contains("1024 MiB per case, median of 5 repetitions")
                .contains("412 s");
        assertThat(md.indexOf("## Reading an epoch")).isLessThan(md.indexOf("What it measures."));
        assertThat(md.indexOf("What it measures.")).isLessThan(md.indexOf("| read parquet | 2000 |"));
    }

    @Test
    void oneFailedCaseMakesTheReportNotOk() {
        MarkdownTable t = new MarkdownTable(List.of("case"));
        CaseOutcome ok = new CaseOutcome("a", null, List.of(), List.of(), ChildMemory.UNKNOWN, null);
        CaseOutcome failed = CaseOutcome.failed("b", "boom", ChildMemory.UNKNOWN);

        assertThat(report(List.of(new SectionResult("s", List.of(), t, List.of(ok)))).allOk()).isTrue();
        assertThat(report(List.of(new SectionResult("s", List.of(), t, List.of(ok, failed)))).allOk()).isFalse();
    }

    @Test
    void theSettingsSayHowManyMeasuredRepetitionsWereDoneAgainForTheJit() {
        RepMeasure quiet = RepMeasure.of(Map.of(RepMeasure.JIT_SHARE, 0.01, RepMeasure.JIT_REDOS, 0.0));
        RepMeasure redone = RepMeasure.of(Map.of(RepMeasure.JIT_SHARE, 0.02, RepMeasure.JIT_REDOS, 1.0));
        RepMeasure givenUp = RepMeasure.of(Map.of(RepMeasure.JIT_SHARE, 0.4, RepMeasure.JIT_REDOS, 3.0));
        CaseOutcome a = new CaseOutcome("a", null, List.of(quiet, redone), List.of(), ChildMemory.UNKNOWN, null);
        CaseOutcome b = new CaseOutcome("b", null, List.of(givenUp, quiet), List.of(), ChildMemory.UNKNOWN, null);
        MarkdownTable t = new MarkdownTable(List.of("case"));

        String md = report(List.of(new SectionResult("s", List.of(), t, List.of(a, b)))).toMarkdown();

        assertThat(md).contains("warm-up of at least 5 s (repetitions of the case's work), then until 3 "
                        + "repetitions in a row during which the child's JIT compiled for at most 5 % of the time "
                        + "(at most 15 s in all)")
                .contains("done again, up to 3 times: 2 of the 4 measured were, 1 still counted busy.");

        BenchOptions d = BenchOptions.defaults(Path.of("/work/x"));
        BenchOptions noWarmUp = new BenchOptions(d.workFolder(), d.sizeMiB(), d.reps(), 0, true, d.keep(),
                d.dropCaches(), d.bigFile(), d.millionFiles(), d.sections(), d.jvmOptions(), d.command(),
                d.s3Endpoint(), d.s3Bucket());
        String quick = new BenchReport("./dlio-parquet bench --quick", MACHINE, "/work/x/dlio-bench-1", noWarmUp,
                Instant.parse("2026-11-21T15:00:00Z"), Duration.ofSeconds(90), 2.5,
                List.of(new SectionResult("s", List.of(), t, List.of(a, b)))).toMarkdown();
        assertThat(quick).contains("warm-up of one repetition")
                .contains("Without a warm-up no repetition is done again for the JIT: during 1 of the 4 measured");
    }
}
