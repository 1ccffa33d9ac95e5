package org.dlioparquet.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code dlio-parquet}: the DLIO benchmark on the JVM. Every command returns its exit code; only
 * {@link #main} ends the process.
 */
@Command(name = "dlio-parquet", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "DLIO's deep-learning I/O benchmark on the JVM, with first-class Parquet.",
        subcommands = {RunCommand.class, DatagenCommand.class, ValidateCommand.class, ReportCommand.class,
                FormatsCommand.class, InspectCommand.class, DatasizeCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 2 usage or workload error, 3 data error, 4 I/O error, "
                + "5 AU expectation not met (--require-au), 6 out of memory (DLIO_JAVA_OPTS=-Xmx...), "
                + "130/143 run stopped by Ctrl-C/SIGTERM (the completed epochs' results are kept)."})
public final class DlioParquetCli implements Callable<Integer> {

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean verbose;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = execute(args, out, err);
        LaunchedJob.end(code); // under mpirun: MPI_Finalize, or end the whole job when this rank failed
        System.exit(code);
    }

    /** Runs a command line and returns its exit code, writing to the given streams. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        ErrorHandler errors = new ErrorHandler();
        CommandLine cl = new CommandLine(new DlioParquetCli())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                .setCaseInsensitiveEnumValuesAllowed(true);
        int code;
        try {
            code = cl.execute(args);
        } catch (Throwable e) {
            // Errors (memory, a missing class) bypass picocli's exception handler
            code = ErrorHandler.report(e, err, Arrays.asList(args).contains("--verbose"));
        }
        out.flush();
        err.flush();
        return code;
    }
}
