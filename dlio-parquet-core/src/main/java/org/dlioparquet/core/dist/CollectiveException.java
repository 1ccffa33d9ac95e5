package org.dlioparquet.core.dist;

import org.dlioparquet.core.DlioException;

/**
 * The job's processes could not meet: no usable MPI library under a launcher, a launcher and a
 * library that do not belong together, an MPI call that failed, or another rank that gave up.
 */
public class CollectiveException extends DlioException {
    private static final long serialVersionUID = 1L;

    public CollectiveException(String message) {
        super(message);
    }

    public CollectiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
