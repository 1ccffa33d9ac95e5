package org.dlioparquet.core.spi;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens files of one format with one set of {@link ReaderSettings}. Thread-safe; may cache
 * per-file metadata (Parquet footers) across {@link #open} calls.
 */
public interface FormatReader {
    /**
     * Opens a file and checks its structure (magic numbers, headers, footer).
     *
     * @throws org.dlioparquet.core.DataFileException when the file is not a valid file of this format
     */
    SampleFile open(Path file) throws IOException;
}
