package org.dlioparquet.core.format.parquet;

import java.io.IOException;

/** The values of one required flat column, appended row after row by the raw writer. */
interface RawColumn {

    /** Appends the next row's value to {@code chunk}'s page (updating its statistics, if any). */
    void appendNext(RawChunkWriter chunk) throws IOException;

    /** Whether the column's chunks carry min/max statistics (not for blobs and strings, as with parquet-java). */
    boolean statistics();
}
