package org.dlioparquet.core.format.csv;

import java.io.IOException;

/** Where the CSV text of a file comes from: a byte range of the file, or a decompressor. */
interface ByteSource {
    /**
     * Reads up to {@code len > 0} bytes into {@code b} from {@code off}.
     *
     * @return bytes read (at least 1), or -1 at the end of the text
     */
    int read(byte[] b, int off, int len) throws IOException;
}
