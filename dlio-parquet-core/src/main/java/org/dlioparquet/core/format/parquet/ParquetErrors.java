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
        return outer.contains(inner) ? outer : outer + " (caused by " + inner + ")";
    }

    /** What went wrong in words: the exception's message, or a phrase for the types that carry none. */
    private static String name(Throwable t) {
        if (t instanceof NullPointerException) {
            // parquet-java's converters meet a field a damaged footer left out; the JVM's text names their classes
            return "a required field is missing";
        }
        String message = t.getMessage();
        if (message != null && !message.isBlank()) {
            return thriftInWords(message);
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

    /**
     * Thrift's words for a damaged footer, which talk of sockets and object identities, in the
     * words of a file: "can not read class ...FileMetaData: Socket is closed by peer." becomes
     * "corrupt metadata (FileMetaData): its encoding ends early".
     */
    static String thriftInWords(String message) {
        return message
                .replaceFirst("can not read class org\\.apache\\.parquet\\.format\\.(\\w+): ", "corrupt metadata ($1): ")
                .replace("Socket is closed by peer.", "its encoding ends early")
                .replaceAll("Required field '(\\w+)' was not (found in serialized data|present)! Struct: .*",
                        "required field '$1' is missing")
                .replaceAll("don't know what type: (\\d+)", "unknown field type $1");
    }

    static String oneLine(String text) {
        String flat = thriftInWords(text).replaceAll("\\s+", " ").trim();
        return flat.length() <= MAX_REASON ? flat : flat.substring(0, MAX_REASON - 3) + "...";
    }
}
