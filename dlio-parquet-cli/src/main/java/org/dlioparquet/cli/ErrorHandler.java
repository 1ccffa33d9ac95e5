package org.dlioparquet.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.DlioException;
import org.dlioparquet.core.config.ConfigException;
import picocli.CommandLine;

/**
 * Turns what a command throws into an exit code and short lines on stderr: one line per problem,
 * no stack trace (unless {@code --verbose}) for anything a user can cause.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        Throwable e = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        int code = exitCode(e);
        if (code == ExitCodes.INTERNAL) {
            err.println("dlio-parquet: internal error: " + e + " (please report it; --verbose shows the stack trace)");
        } else {
            for (String line : String.valueOf(message(e)).split("\\R")) {
                err.println("dlio-parquet: " + line);
            }
        }
        if (verbose(parsed)) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
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

    static int exitCode(Throwable e) {
        if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
            return ExitCodes.USAGE;
        }
        if (e instanceof DataFileException) {
            return ExitCodes.DATA;
        }
        if (e instanceof IOException) {
            return ExitCodes.IO;
        }
        if (e instanceof DlioException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.INTERNAL;
    }

    private static String message(Throwable e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        if (e instanceof AccessDeniedException a && a.getReason() == null) {
            return a.getFile() + ": permission denied";
        }
        if (e instanceof FileSystemException f && !(e instanceof DataFileException)) {
            return f.getMessage();
        }
        return e.getMessage();
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
