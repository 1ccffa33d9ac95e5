package org.dlioparquet.core.format.npy;

/**
 * An NPY array header or body is malformed. Carries only the reason; the caller knows the file
 * (and, in an NPZ, the member) and turns it into a {@link org.dlioparquet.core.DataFileException}.
 */
public final class NpyFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public NpyFormatException(String reason) {
        super(reason);
    }
}
