package org.dlioparquet.core.checkpoint;

import java.io.IOException;

/** The checkpoint folder's file system lacks the space the planned checkpoints need. */
public class NotEnoughSpaceException extends IOException {
    private static final long serialVersionUID = 1L;

    NotEnoughSpaceException(String message) {
        super(message);
    }
}
