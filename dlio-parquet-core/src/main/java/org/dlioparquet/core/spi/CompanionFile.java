package org.dlioparquet.core.spi;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/**
 * A small file a format writes beside each data file, such as the DALI index of a TFRecord file
 * or the offset and size tables of an indexed-binary file. Its bytes follow from the data file's
 * {@link FileSpec} alone, so generation, resumption and validation can all recompute them instead
 * of recording them.
 */
public interface CompanionFile {
    /** Path below the data folder, with {@code /} separators. */
    String relativePath();

    /** The exact size of the file once written. */
    long size();

    /** Writes the whole file, front to back, into {@code out}. */
    void write(WritableByteChannel out) throws IOException;
}
