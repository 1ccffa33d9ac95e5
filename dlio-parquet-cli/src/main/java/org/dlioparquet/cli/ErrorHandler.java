package org.dlioparquet.cli;

import java.io.PrintWriter;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.Failure;
import picocli.CommandLine;

/**
 * Turns what a command throws into an exit code and short lines on stderr: one line per problem,
 * no stack trace (unless {@code --verbose}) for anything a user can cause. Which failure is which
 * is the core's call ({@link Dlio#classify}); this only maps it to exit codes.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        Failure failure = Dlio.classify(ex);
        if (failure.kind() == Failure.Kind.INTERNAL) {
            err.println("dlio-parquet: internal error: " + failure.message()
                    + " (please report it; --verbose shows the stack trace)");
        } else {
            for (String line : failure.message().split("\\R")) {
                err.println("dlio-parquet: " + line);
            }
        }
        if (verbose(parsed)) {
            failure.cause().printStackTrace(err);
        }
        err.flush();
        return exitCode(failure.kind());
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("dlio-parquet: " + ex.getMessage());
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    static int exitCode(Failure.Kind kind) {
        return switch (kind) {
            case CONFIG -> ExitCodes.USAGE;
            case DATA -> ExitCodes.DATA;
            case IO -> ExitCodes.IO;
            case INTERRUPTED -> ExitCodes.INTERRUPTED;
            case INTERNAL -> ExitCodes.INTERNAL;
        };
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
