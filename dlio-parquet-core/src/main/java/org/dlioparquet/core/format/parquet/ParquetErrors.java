package org.dlioparquet.core.format.parquet;

import java.io.EOFException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.file.Path;
import org.dlioparquet.core.DataFileException;

/**
 * Turns whatever parquet-java throws on a damaged file (ParquetDecodingException, IOException,
 * EOFException, IllegalArgumentException, IndexOutOfBounds, NegativeArraySize, ...) into one
 * {@link DataFileException} with a one-line reason, while real storage failures stay plain
 * {@link IOException}s.
 */
final class ParquetErrors {
    private static final int MAX_REASON = 400;

    private ParquetErrors() {
    }

    /**
     * @param where what was being done, e.g. {@code "reading the footer"} or {@code "row group 2, column x"}
     */
    static IOException translate(Path file, String where, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StorageIOException storage) {
                return storage.original();
            }
        }
        if (e instanceof DataFileException d) {
            return d;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CorruptDataException ours) {
                return new DataFileException(file, where + ": " + oneLine(ours.getMessage()), e);
            }
        }
        return new DataFileException(file, where + ": " + oneLine(describe(e)), e);
    }

    /** The outermost message and, when it adds something, the innermost cause. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String outer = name(e);
        if (root == e) {
            return outer;
        }
        String inner = name(root);
        return outer.contains(String.valueOf(root.getMessage())) ? outer : outer + " (caused by " + inner + ")";
    }

    /** What went wrong in words: the exception's message, or a phrase for the types that carry none. */
    private static String name(Throwable t) {
        String message = t.getMessage();
        if (message != null && !message.isBlank()) {
            return message;
        }
        if (t instanceof EOFException || t instanceof BufferUnderflowException) {
            return "unexpected end of data";
        }
        if (t instanceof NegativeArraySizeException) {
            return "a negative length";
        }
        if (t instanceof IndexOutOfBoundsException) {
            return "an offset out of range";
        }
        return "undecodable data (" + t.getClass().getSimpleName() + ")";
    }

    static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() <= MAX_REASON ? flat : flat.substring(0, MAX_REASON - 3) + "...";
    }
}
