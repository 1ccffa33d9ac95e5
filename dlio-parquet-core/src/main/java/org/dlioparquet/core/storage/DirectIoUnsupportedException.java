package org.dlioparquet.core.storage;

import java.nio.file.FileSystemException;

/** The file system holding a file refuses O_DIRECT ({@code reader.odirect: True}). */
public class DirectIoUnsupportedException extends FileSystemException {
    private static final long serialVersionUID = 1L;

    public DirectIoUnsupportedException(String file, String why) {
        super(file, null, "the file system refuses O_DIRECT (reader.odirect: True): " + why
                + "; run without reader.odirect or on a file system that supports it");
    }
}
