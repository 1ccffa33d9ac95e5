package org.dlioparquet.core.format.parquet;

import java.io.IOException;

/**
 * A problem our own checks find while parquet-java is running (inside a decompressor callback,
 * say). parquet-java may wrap it; {@link ParquetErrors} digs it out so that its message, which
 * already says what is wrong, becomes the reason of the {@code DataFileException}.
 */
final class CorruptDataException extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptDataException(String message) {
        super(message);
    }
}
