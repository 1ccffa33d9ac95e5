package org.dlioparquet.core.config;

import java.util.List;
import java.util.Objects;

/**
 * {@code dataset.parquet}: the MLCommons DLIO fork's Parquet block.
 *
 * @param columns              schema; empty = the default layout (one {@code data} blob column per sample)
 * @param rowGroupSize         rows per row group
 * @param generationBatchSize  accepted for compatibility; generation streams row by row
 * @param readMode             {@code row_group} or {@code default}; both read whole row groups here
 * @param partitionBy          not supported (must be empty)
 */
public record ParquetConfig(List<ColumnSpec> columns, int rowGroupSize, int generationBatchSize,
                            String readMode, List<String> partitionBy) {
    public static final int DEFAULT_ROW_GROUP_SIZE = 1024;

    public ParquetConfig {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        partitionBy = List.copyOf(Objects.requireNonNull(partitionBy, "partitionBy"));
        Objects.requireNonNull(readMode, "readMode");
    }

    public static ParquetConfig defaults() {
        return new ParquetConfig(List.of(), DEFAULT_ROW_GROUP_SIZE, 0, "row_group", List.of());
    }

    /** True when no column schema is given and samples are stored as one blob per row. */
    public boolean isBlobLayout() {
        return columns.isEmpty();
    }
}
