package org.dlioparquet.core;

import java.io.IOException;
import java.nio.file.Path;

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
        StringBuilder sb = new StringBuilder(Math.min(reason.length(), MAX_REASON + 16));
        for (int i = 0; i < reason.length() && sb.length() < MAX_REASON; i++) {
            char c = reason.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append(' ');
            } else if (c < 0x20 || c == 0x7F || Character.isISOControl(c)) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= MAX_REASON && reason.length() > MAX_REASON) {
            sb.append("...");
        }
        return sb.toString();
    }

    public Path file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String reason() {
        return reason;
    }
}
