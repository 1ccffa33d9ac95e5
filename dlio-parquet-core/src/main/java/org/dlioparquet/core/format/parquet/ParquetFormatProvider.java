package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ProblemReporter;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.storage.DirectBufferPool;

/**
 * Apache Parquet, with parquet-format and parquet-java (only {@code hadoop-client-api} of Hadoop).
 *
 * <p>Writes either the blob layout (one {@code data} value per sample plus a zero {@code label}) or
 * the MLCommons DLIO fork's column layout ({@code dataset.parquet.columns}); see {@link DlioSchemas}
 * and {@link GeneratedColumn}. Files of flat columns are written page by page by {@link RawParquetWriter},
 * files with list columns by parquet-java. Reads any flat or list-shaped Parquet file written by
 * pyarrow, DuckDB, parquet-java or DLIO: columns in the encodings writers use by default (PLAIN,
 * dictionaries, RLE) page by page ({@link StreamedRowGroups}), others (DELTA, BYTE_STREAM_SPLIT)
 * with parquet-java one row group at a time.
 */
public final class ParquetFormatProvider implements FormatProvider {

    @Override
    public FormatType format() {
        return FormatType.PARQUET;
    }

    @Override
    public String description() {
        return "parquet: Apache Parquet, one row per sample (blob or column schema); codecs "
                + ParquetDatasetRules.SUPPORTED;
    }

    @Override
    public String fileExtension(DatasetConfig dataset) {
        return "parquet";
    }

    @Override
    public List<String> readableExtensions() {
        return List.of("parquet");
    }

    @Override
    public void validate(DatasetConfig dataset, ProblemReporter problems) {
        ParquetDatasetRules.validate(dataset, problems);
    }

    @Override
    public FileGenerator newGenerator(DatasetConfig dataset) {
        return new ParquetFileGenerator(dataset);
    }

    /** Files are opened through {@code ReadChannels}, so {@code odirect} reads past the page cache. */
    @Override
    public FormatReader newReader(ReaderSettings settings) {
        return new ParquetFormatReader(settings);
    }

    /** Writer, schema with logical types, key-value metadata, and each row group's rows, sizes and codecs. */
    @Override
    public List<String> describe(Path file) throws IOException {
        try (ParquetSampleFile f = ParquetSampleFile.open(file, ReaderSettings.defaults(), new FooterCache(1),
                new DirectBufferPool(0), true)) {
            return ParquetDescription.of(f.layout());
        }
    }
}
