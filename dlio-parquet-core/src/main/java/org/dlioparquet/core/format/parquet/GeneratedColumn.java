package org.dlioparquet.core.format.parquet;

import org.apache.parquet.io.api.RecordConsumer;
import org.dlioparquet.core.config.ColumnSpec;
import org.dlioparquet.core.spi.SeededContent;

/**
 * The values of one column of the column layout, drawn row after row from the column's own
 * {@link SeededContent} stream (seed {@link #seed}), so that they do not depend on how rows are
 * grouped into row groups, nor on the other columns. The same values can go through parquet-java's
 * record API ({@link #writeNext}) or, for flat columns, straight into a raw page ({@link #appendNext}).
 */
interface GeneratedColumn extends RawColumn {

    /** Writes the field of the next row, from {@code startField} to {@code endField}. */
    void writeNext(RecordConsumer consumer);

    /** Seed of column {@code index}'s stream in the file with seed {@code fileSeed}. */
    static long seed(long fileSeed, int index) {
        return SeededContent.mix(fileSeed, 1_000_000L + index);
    }

    static GeneratedColumn of(ColumnSpec spec, int index, long fileSeed) {
        SeededContent content = new SeededContent(seed(fileSeed, index));
        switch (spec.dtype()) {
            case STRING:
                return new StringColumn(spec.name(), index, content);
            case BINARY:
                return new BinaryColumn(spec.name(), index, spec.size(), content);
            default:
                return new FixedWidthColumn(spec, index, content);
        }
    }
}
