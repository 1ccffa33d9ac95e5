package org.dlioparquet.core.format.parquet;

import org.apache.parquet.io.api.RecordConsumer;

/** Writes the fields of row {@code row} of one file, in schema order, between startMessage and endMessage. */
interface RowSource {
    void writeRow(int row, RecordConsumer consumer);
}
