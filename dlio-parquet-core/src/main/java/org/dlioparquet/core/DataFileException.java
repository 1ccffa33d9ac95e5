package org.dlioparquet.core;

import java.io.IOException;
import java.nio.file.Path;
import org.dlioparquet.core.internal.Printable;

/**
 * A dataset file is missing, corrupt, truncated or does not match the workload. The message is
 * one line: {@code <file>: <what is wrong>}.
 */
public class DataFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String reason;

    public DataFileException(Path file, String reason) {
        this(file, reason, null);
    }

    public DataFileException(Path file, String reason, Throwable cause) {
        super(file + ": " + oneLine(reason), cause);
        this.file = file;
        this.reason = oneLine(reason);
    }

    private static final int MAX_REASON = 600;

    /**
     * The reason as one printable line: readers quote bytes from damaged files (names, keys), which
     * may hold newlines and control characters; those are escaped ({@code \n}, {@code \x1f}) and
     * the text is cut at {@value #MAX_REASON} characters.
     */
    static String oneLine(String reason) {
        if (reason == null) {
            return "unknown problem";
        }
        String escaped = Printable.escape(reason);
        return escaped.length() <= MAX_REASON ? escaped : escaped.substring(0, MAX_REASON) + "...";
    }

    public Path file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String reason() {
        return reason;
    }
}
