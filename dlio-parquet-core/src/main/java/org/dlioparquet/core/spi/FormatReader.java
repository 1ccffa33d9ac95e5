package org.dlioparquet.core.spi;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens files of one format with one set of {@link ReaderSettings}. Thread-safe; may cache
 * per-file metadata (Parquet footers) across {@link #open} calls within an epoch, never across
 * epochs (see {@link #endEpoch}).
 */
public interface FormatReader {
    /**
     * Opens a file and checks its structure (magic numbers, headers, footer).
     *
     * @throws org.dlioparquet.core.DataFileException when the file is not a valid file of this format
     */
    SampleFile open(Path file) throws IOException;

    /**
     * Whether reading a file's samples reads (nearly) all of its bytes: an object store may then
     * fetch a file whole ahead of its reader. False for a reader that picks columns of a wide file
     * (Parquet with {@code columns}), whose object is fetched ahead only at its end (the footer).
     */
    default boolean readsWholeFiles() {
        return true;
    }

    /**
     * Called between epochs, when none of this reader's files is open: forget whatever was kept
     * about files (footers, directories), so that every epoch reads its files from storage as
     * DLIO's does (it opens every file again each epoch). Reusable buffers may stay.
     */
    default void endEpoch() {
    }
}
