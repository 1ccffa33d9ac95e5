package org.dlioparquet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dlioparquet.cli.CliTestSupport.run;
import static org.dlioparquet.cli.CliTestSupport.smallWorkload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlioparquet.cli.CliTestSupport.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void reportWritesTheRunsPageAndComparesTwoRuns() throws IOException {
        Path yaml = smallWorkload(dir, "");
        assertThat(run("run", yaml.toString(), "-o", dir.resolve("a").toString()).code()).isZero();
        assertThat(run("run", yaml.toString(), "++workload.reader.read_threads=2", "-o", dir.resolve("b").toString())
                .code()).isZero();

        Result one = run("report", dir.resolve("a").toString());
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(one.out()).isEqualTo("Wrote " + dir.resolve("a/report.html") + System.lineSeparator());
        assertThat(Files.readString(dir.resolve("a/report.html"))).contains("<title>dlio-parquet report: small (parquet)");

        Result two = run("report", dir.resolve("a").toString(), dir.resolve("b").toString(), "-o",
                dir.resolve("ab.html").toString());
        assertThat(two.code()).as(two.err()).isZero();
        assertThat(Files.readString(dir.resolve("ab.html"))).contains("<title>dlio-parquet comparison: B (b) against A (a)")
                .contains("reader.read_threads");
    }

    @Test
    void aFolderWithoutARunIsAUsageErrorAndABrokenSummaryADataError() throws IOException {
        Result empty = run("report", dir.toString());
        assertThat(empty.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(empty.err()).isEqualTo("dlio-parquet: " + dir + ": no summary.json; report takes the output folder "
                + "of a run that trained or evaluated (the process with rank 0 writes summary.json)" + System.lineSeparator());

        Files.writeString(dir.resolve("summary.json"), "[1, 2");
        Result broken = run("report", dir.toString());
        assertThat(broken.code()).isEqualTo(ExitCodes.DATA);
        assertThat(broken.err()).startsWith("dlio-parquet: " + dir.resolve("summary.json") + ": not valid JSON: ")
                .doesNotContain("\tat ");
        assertThat(run("report").code()).isEqualTo(ExitCodes.USAGE);
    }
}
