package org.dlioparquet.core.config;

import java.util.Objects;

/**
 * One entry of {@code dataset.parquet.columns}: {@code {name, dtype, size, read}}.
 *
 * @param name  column name, unique within the schema
 * @param dtype value type
 * @param size  elements per row (fixed-size list when {@code > 1}), or bytes for string/binary
 * @param read  whether the epoch runner reads this column ({@code false}: written, never read)
 */
public record ColumnSpec(String name, ColumnType dtype, int size, boolean read) {
    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
    }

    public static ColumnSpec of(String name, ColumnType dtype) {
        return new ColumnSpec(name, dtype, 1, true);
    }

    /** Bytes this column contributes to one row (the nominal sample size DLIO's fork reports). */
    public long bytesPerRow() {
        return (long) dtype.elementBytes() * size;
    }
}
