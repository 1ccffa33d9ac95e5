package org.dlioparquet.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;
import org.dlioparquet.core.internal.Sizes;

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
        /**
         * The JVM ran out of memory ({@link OutOfMemoryError}, wherever it was thrown or wrapped):
         * the heap is too small for the workload, not a bug and not an I/O failure.
         */
        MEMORY,
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
        OutOfMemoryError oom = outOfMemory(thrown);
        if (oom != null) {
            return new Failure(Kind.MEMORY, memoryMessage(oom), thrown);
        }
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

    /** The {@link OutOfMemoryError} that {@code thrown} is or was caused by (a reader thread's, wrapped), if any. */
    private static OutOfMemoryError outOfMemory(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError oom) {
                return oom;
            }
        }
        return null;
    }

    /** One line that says which memory ran out and which settings give or take it. */
    private static String memoryMessage(OutOfMemoryError e) {
        String what = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
        if (e.getMessage() != null && e.getMessage().contains("Direct buffer memory")) {
            return "out of memory" + what + ": raise the JVM's direct memory (-XX:MaxDirectMemorySize=..., e.g. "
                    + "DLIO_JAVA_OPTS=-XX:MaxDirectMemorySize=4g for the command line, MAVEN_OPTS for the plugin), or "
                    + "lower reader.read_threads or reader.transfer_size";
        }
        return "out of memory" + what + ": the Java heap (" + Sizes.bytes(Runtime.getRuntime().maxMemory())
                + ") is too small for this workload; give the JVM more (-Xmx, e.g. DLIO_JAVA_OPTS=-Xmx4g for the "
                + "command line, MAVEN_OPTS=-Xmx4g for the plugin), or hold less at once: fewer reader.read_threads "
                + "or reader.prefetch_size, a smaller dataset.parquet.row_group_size, fewer writer threads "
                + "(dataset.generation_threads, datagen --num-threads)";
    }

    private static String messageOf(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
