package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import org.dlioparquet.core.spi.SampleSink;

/** How an open Parquet file turns rows of one row group into sample pieces. */
interface RowGroupReader {

    /**
     * Delivers rows {@code [from, to)} of row group {@code g} as samples {@code firstSample, ...}:
     * for each row in order, the pieces of each projected leaf in schema order.
     *
     * @throws org.dlioparquet.core.DataFileException naming the row group (and column) when the data is corrupt
     */
    void deliver(int g, int from, int to, int firstSample, SampleSink sink) throws IOException;

    /** Bytes of memory held between calls: decoded values, page buffers. */
    long retainedBytes();

    /** Releases buffers; the channel is the caller's. */
    void close() throws IOException;
}
