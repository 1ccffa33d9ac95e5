package org.dlioparquet.core.format.indexedbinary;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/** The offset and size tables of an indexed-binary file, checked against the data file entry by entry. */
interface SampleIndex extends Closeable {
    int count();

    long offset(int sample) throws IOException;

    long size(int sample) throws IOException;

    /** The index file a message should name when a table entry is wrong. */
    Path offsetsFile();
}
