package org.dlioparquet.core.format.parquet;

import java.io.IOException;

/**
 * Marks an I/O failure of the storage itself (permission, device, interrupt) as it passes through
 * parquet-java, so that it is rethrown as the original {@link IOException} instead of being
 * reported as a corrupt file.
 */
final class StorageIOException extends IOException {
    private static final long serialVersionUID = 1L;

    StorageIOException(IOException cause) {
        super(cause.getMessage(), cause);
    }

    IOException original() {
        return (IOException) getCause();
    }
}
