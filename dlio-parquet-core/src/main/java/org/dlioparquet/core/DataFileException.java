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
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String reason() {
        return reason;
    }
}
