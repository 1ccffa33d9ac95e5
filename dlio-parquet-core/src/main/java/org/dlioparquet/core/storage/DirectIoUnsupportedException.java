package org.dlioparquet.core.storage;

import java.nio.file.FileSystemException;

/** The file system holding a file refuses O_DIRECT ({@code reader.odirect: True}, {@code checkpoint.odirect: True}). */
public class DirectIoUnsupportedException extends FileSystemException {
    private static final long serialVersionUID = 1L;

    public DirectIoUnsupportedException(String file, String why) {
        this(file, why, "reader.odirect");
    }

    /** @param key the workload key that asked for O_DIRECT */
    public DirectIoUnsupportedException(String file, String why, String key) {
        super(file, null, "the file system refuses O_DIRECT (" + key + ": True): " + why
                + "; run without " + key + " or on a file system that supports it");
    }
}
