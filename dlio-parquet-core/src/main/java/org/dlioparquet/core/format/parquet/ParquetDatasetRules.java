package org.dlioparquet.core.format.parquet;

import com.github.luben.zstd.Zstd;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.dlioparquet.core.config.ColumnSpec;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.ProblemReporter;

/**
 * What a Parquet dataset may ask for, checked before anything is written.
 *
 * <p>parquet-java cannot buffer one column chunk of 2 GiB or more (its writer, used for list columns,
 * holds a whole row group; its reader, used for files that cannot be streamed, a whole chunk), so
 * {@code min(row_group_size, num_samples_per_file)} rows times the bytes one row puts into a column
 * must stay below that, which keeps every file we write readable by parquet-java; a single value (a
 * blob sample) must fit a Java array.
 */
final class ParquetDatasetRules {
    /** A column chunk must stay below this many bytes. */
    static final long MAX_CHUNK_BYTES = 1L << 31;
    /** Largest sample a {@code data} value can hold (the largest Java array). */
    static final long MAX_SAMPLE_BYTES = Integer.MAX_VALUE - 8;
    /** Bytes a BYTE_ARRAY value adds in front of its data in a PLAIN page. */
    private static final int LENGTH_PREFIX = 4;
    /** {@code "s_"} and up to 10 digits. */
    private static final int MAX_STRING_BYTES = 12;
    static final String SUPPORTED = "none, snappy, gzip, zstd, lz4, lz4_raw";

    private ParquetDatasetRules() {
    }

    /** The page codec of a {@code dataset.compression}, or null when Parquet does not offer it. */
    static CompressionCodecName codec(Compression compression) {
        switch (compression) {
            case NONE: return CompressionCodecName.UNCOMPRESSED;
            case SNAPPY: return CompressionCodecName.SNAPPY;
            case GZIP: return CompressionCodecName.GZIP;
            case ZSTD: return CompressionCodecName.ZSTD;
            // pyarrow's "lz4" is LZ4_RAW too; the Hadoop-framed LZ4 codec is deprecated
            case LZ4: case LZ4_RAW: return CompressionCodecName.LZ4_RAW;
            default: return null;
        }
    }

    static void validate(DatasetConfig dataset, ProblemReporter problems) {
        checkCompression(dataset, problems);
        int rowGroupSize = dataset.parquet().rowGroupSize();
        if (rowGroupSize < 1) {
            problems.error("dataset.parquet.row_group_size", "must be at least 1; got " + rowGroupSize);
        }
        if (!dataset.parquet().partitionBy().isEmpty()) {
            problems.error("dataset.parquet.partition_by", "partitioned Parquet datasets are not supported; got "
                    + dataset.parquet().partitionBy());
        }
        if (dataset.parquet().isBlobLayout()) {
            long sampleBytes = dataset.nominalSampleBytes();
            if (sampleBytes > MAX_SAMPLE_BYTES) {
                problems.error(dataset.recordDims().isEmpty() ? "dataset.record_length_bytes" : "dataset.record_dims",
                        "a Parquet sample must be smaller than 2 GiB (at most " + MAX_SAMPLE_BYTES + " bytes); got "
                                + sampleBytes + " bytes");
                return;
            }
            if (rowGroupSize >= 1) {
                String problem = chunkProblem(DlioSchemas.DATA, sampleBytes + LENGTH_PREFIX,
                        rowsPerGroup(rowGroupSize, dataset.numSamplesPerFile()));
                if (problem != null) {
                    problems.error("dataset.parquet.row_group_size", problem);
                }
            }
        } else {
            checkColumns(dataset, problems, rowGroupSize);
        }
    }

    private static void checkCompression(DatasetConfig dataset, ProblemReporter problems) {
        Compression compression = dataset.compression();
        if (codec(compression) == null) {
            problems.error("dataset.compression", "parquet supports " + SUPPORTED + "; got '" + compression + "'");
            return;
        }
        int level = dataset.compressionLevel();
        if (compression == Compression.GZIP && (level < 0 || level > 9)) {
            problems.error("dataset.compression_level", "gzip levels are 0..9; got " + level);
        }
        if (compression == Compression.ZSTD
                && (level < Zstd.minCompressionLevel() || level > Zstd.maxCompressionLevel())) {
            problems.error("dataset.compression_level", "zstd levels are " + Zstd.minCompressionLevel() + ".."
                    + Zstd.maxCompressionLevel() + "; got " + level);
        }
    }

    private static void checkColumns(DatasetConfig dataset, ProblemReporter problems, int rowGroupSize) {
        List<ColumnSpec> columns = dataset.parquet().columns();
        Set<String> seen = new HashSet<>();
        long rows = rowsPerGroup(Math.max(rowGroupSize, 1), dataset.numSamplesPerFile());
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec c = columns.get(i);
            String key = "dataset.parquet.columns[" + i + "]";
            if (c.name().isBlank()) {
                problems.error(key + ".name", "column " + i + " has an empty name");
            } else if (!seen.add(c.name())) {
                problems.error(key + ".name", "column name '" + c.name() + "' appears more than once");
            }
            if (c.size() < 1) {
                problems.error(key + ".size", "column '" + c.name() + "': size must be at least 1; got " + c.size());
                continue;
            }
            if (rowGroupSize >= 1) {
                String problem = chunkProblem(c.name(), bytesPerRow(c), rows);
                if (problem != null) {
                    problems.error("dataset.parquet.row_group_size", problem);
                }
            }
        }
    }

    /** Bytes one row adds to the column chunk of {@code column} (before compression). */
    static long bytesPerRow(ColumnSpec column) {
        switch (column.dtype()) {
            case STRING:
                return LENGTH_PREFIX + MAX_STRING_BYTES;
            case BINARY:
                return LENGTH_PREFIX + (long) column.size();
            default:
                return column.bytesPerRow();
        }
    }

    /** Rows in the largest row group of a file. */
    static long rowsPerGroup(int rowGroupSize, int samplesPerFile) {
        return Math.max(1, Math.min(rowGroupSize, samplesPerFile));
    }

    /** Why {@code rows} rows of {@code bytesPerRow} do not fit a column chunk, or null when they do. */
    static String chunkProblem(String column, long bytesPerRow, long rows) {
        if (rows * (double) bytesPerRow < MAX_CHUNK_BYTES) {
            return null;
        }
        long fits = (MAX_CHUNK_BYTES - 1) / bytesPerRow;
        if (fits < 1) {
            return "one row puts " + bytesPerRow + " bytes into column '" + column
                    + "', but parquet-java cannot buffer a column chunk of 2 GiB or more";
        }
        return "a row group of " + rows + " rows puts " + rows + " x " + bytesPerRow + " = " + rows * bytesPerRow
                + " bytes into column '" + column + "', but parquet-java cannot buffer a column chunk of 2 GiB ("
                + MAX_CHUNK_BYTES + " bytes) or more; use row_group_size <= " + fits;
    }
}
