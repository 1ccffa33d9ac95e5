package org.dlioparquet.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;

/**
 * What went wrong, as the command line and the Maven plugin report it: the kind of failure (which
 * exit code, which Maven exception) and the message to print. One classification, so that both
 * front ends agree.
 *
 * @param kind    what kind of failure it is
 * @param message what to print: one line, or for a workload with several problems one line per
 *                problem; never {@code null}
 * @param cause   the exception classified (unwrapped from an {@link UncheckedIOException})
 */
public record Failure(Kind kind, String message, Throwable cause) {

    /** The kinds a front end maps to its exit codes or exceptions. */
    public enum Kind {
        /** A mistake in the workload or the options: {@link DlioException}, {@link IllegalArgumentException}. */
        CONFIG,
        /** A dataset file missing, corrupt or not matching the workload: {@link DataFileException}. */
        DATA,
        /** Any other I/O failure: permission denied, disk full. */
        IO,
        /**
         * The run was stopped ({@link RunInterruptedException}: the calling thread was interrupted,
         * on Ctrl-C or SIGTERM); the completed epochs' results were written.
         */
        INTERRUPTED,
        /** A bug in dlio-parquet; the message is the exception itself, for a report. */
        INTERNAL
    }

    public Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(cause, "cause");
    }

    /** Classifies what a call of {@link Dlio} (or loading a workload) threw. */
    public static Failure of(Throwable thrown) {
        Throwable e = thrown instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : thrown;
        if (e instanceof RunInterruptedException) {
            return new Failure(Kind.INTERRUPTED, messageOf(e), e);
        }
        if (e instanceof DlioException || e instanceof IllegalArgumentException) {
            return new Failure(Kind.CONFIG, messageOf(e), e);
        }
        if (e instanceof DataFileException) {
            return new Failure(Kind.DATA, messageOf(e), e);
        }
        if (e instanceof NoSuchFileException n && n.getFile() != null) {
            return new Failure(Kind.IO, n.getFile() + ": no such file", e);
        }
        if (e instanceof AccessDeniedException a && a.getFile() != null && a.getReason() == null) {
            return new Failure(Kind.IO, a.getFile() + ": permission denied", e);
        }
        if (e instanceof IOException) {
            String m = e.getMessage();
            return new Failure(Kind.IO, m == null || m.isBlank() ? "I/O error (" + e.getClass().getSimpleName() + ")"
                    : m, e);
        }
        return new Failure(Kind.INTERNAL, e.toString(), e);
    }

    private static String messageOf(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
