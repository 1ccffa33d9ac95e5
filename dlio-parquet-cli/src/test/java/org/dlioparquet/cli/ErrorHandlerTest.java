package org.dlioparquet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.dlioparquet.core.DataFileException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ErrorHandlerTest {
    private final StringWriter err = new StringWriter();

    private int handle(Exception e) {
        CommandLine cmd = new CommandLine(new DlioParquetCli()).setErr(new PrintWriter(err));
        return new ErrorHandler().handleExecutionException(e, cmd, null);
    }

    @Test
    void anIoExceptionWithoutAMessageIsExitFourWithoutNull() {
        assertThat(handle(new EOFException())).isEqualTo(ExitCodes.IO);
        assertThat(err.toString()).isEqualTo("dlio-parquet: I/O error (EOFException)\n");
    }

    @Test
    void uncheckedIoIsUnwrapped() {
        assertThat(handle(new UncheckedIOException(new DataFileException(Path.of("f.npz"), "truncated"))))
                .isEqualTo(ExitCodes.DATA);
        assertThat(handle(new UncheckedIOException(new IOException("No space left on device")))).isEqualTo(ExitCodes.IO);
        assertThat(err.toString()).isEqualTo("dlio-parquet: f.npz: truncated\ndlio-parquet: No space left on device\n");
    }

    @Test
    void aBugIsExitOneAndSaysSo() {
        assertThat(handle(new IllegalStateException("oops"))).isEqualTo(ExitCodes.INTERNAL);
        assertThat(err.toString()).isEqualTo("dlio-parquet: internal error: java.lang.IllegalStateException: oops "
                + "(please report it; --verbose shows the stack trace)\n");
    }

    @Test
    void runningOutOfMemoryIsExitSixAndNamesTheHeapSetting() {
        assertThat(handle(new IOException(new OutOfMemoryError("Java heap space")))).isEqualTo(ExitCodes.MEMORY);
        assertThat(err.toString()).startsWith("dlio-parquet: out of memory (Java heap space): the Java heap (")
                .contains("DLIO_JAVA_OPTS=-Xmx4g").doesNotContain("internal error");
    }

    @Test
    void aMistypedCommandGetsTheNearestCommand() {
        CliTestSupport.Result r = CliTestSupport.run("rn", "quickstart");

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("dlio-parquet: Unmatched arguments from index 0: 'rn', 'quickstart'; did you "
                + "mean run?");
        assertThat(CliTestSupport.run("xyz").err()).doesNotContain("did you mean");
    }
}
