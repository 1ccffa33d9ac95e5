package org.dlioparquet.core.checkpoint;

import java.io.IOException;

/** A rank stopped its save or load because another rank of this process failed (that failure is the cause). */
public class CheckpointAbortedException extends IOException {
    private static final long serialVersionUID = 1L;

    CheckpointAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
