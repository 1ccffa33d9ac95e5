package org.dlioparquet.core.format.parquet;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.io.api.RecordConsumer;
import org.dlioparquet.core.config.ColumnSpec;

/** Rows of the column layout: each column writes the next value of its own stream. */
final class ColumnRows implements RowSource {
    private final List<GeneratedColumn> columns = new ArrayList<>();

    ColumnRows(List<ColumnSpec> specs, long fileSeed) {
        for (int i = 0; i < specs.size(); i++) {
            columns.add(GeneratedColumn.of(specs.get(i), i, fileSeed));
        }
    }

    @Override
    public void writeRow(int row, RecordConsumer consumer) {
        for (GeneratedColumn column : columns) {
            column.writeNext(consumer);
        }
    }
}
