package org.dlioparquet.cli;

import java.io.PrintWriter;
import java.util.List;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.Failure;
import org.dlioparquet.core.internal.Printable;
import org.dlioparquet.core.internal.Spelling;
import picocli.CommandLine;

/**
 * Turns what a command throws into an exit code and short lines on stderr: one line per problem,
 * no stack trace (unless {@code --verbose}) for anything a user can cause. Which failure is which
 * is the core's call ({@link Dlio#classify}); this only maps it to exit codes.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        return report(ex, cmd.getErr(), verbose(parsed));
    }

    /**
     * Prints what {@code thrown} means, one line per problem (a stack trace only when
     * {@code verbose}), and returns the exit code. Also for what bypasses picocli's handler: an
     * {@link Error} such as running out of memory.
     */
    static int report(Throwable thrown, PrintWriter err, boolean verbose) {
        Failure failure = Dlio.classify(thrown);
        LaunchedJob.failed(failure.message());
        if (failure.kind() == Failure.Kind.INTERNAL) {
            err.println("dlio-parquet: internal error: " + failure.message()
                    + " (please report it; --verbose shows the stack trace)");
        } else {
            for (String line : failure.message().split("\\R")) {
                err.println("dlio-parquet: " + line);
            }
        }
        if (verbose) {
            failure.cause().printStackTrace(err);
        }
        err.flush();
        return exitCode(failure.kind());
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("dlio-parquet: " + Printable.escape(ex.getMessage()) + suggestion(ex, cmd));
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /**
     * "; did you mean run?" for a mistyped command or option: picocli's suggestions, or for a
     * command it finds none for ({@code rn}) the nearest by spelling.
     */
    private static String suggestion(CommandLine.ParameterException ex, CommandLine cmd) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u)) {
            return "";
        }
        List<String> suggested = u.getSuggestions();
        if (suggested.isEmpty() && !u.getUnmatched().isEmpty() && !cmd.getSubcommands().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")) {
            suggested = Spelling.nearest(u.getUnmatched().get(0), cmd.getSubcommands().keySet()).stream().toList();
        }
        return suggested.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggested) + "?";
    }

    static int exitCode(Failure.Kind kind) {
        return switch (kind) {
            case CONFIG -> ExitCodes.USAGE;
            case DATA -> ExitCodes.DATA;
            case IO -> ExitCodes.IO;
            case INTERRUPTED -> ExitCodes.INTERRUPTED;
            case MEMORY -> ExitCodes.MEMORY;
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
