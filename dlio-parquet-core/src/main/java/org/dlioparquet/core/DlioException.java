package org.dlioparquet.core;

/** Base of the unchecked exceptions dlio-parquet throws for a user's mistake or a failed run. */
public class DlioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DlioException(String message) {
        super(message);
    }

    public DlioException(String message, Throwable cause) {
        super(message, cause);
    }
}
