package org.dlioparquet.core.format.csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.dlioparquet.core.DlioException;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ProblemReporter;
import org.dlioparquet.core.spi.ReaderSettings;

/**
 * DLIO's CSV format: one sample per line as pandas writes it, optionally compressed as a whole
 * file with gzip, bz2, xz or zstd ({@code .csv.gz}, {@code .csv.bz2}, {@code .csv.xz},
 * {@code .csv.zst}, the suffixes pandas infers the codec from).
 */
public final class CsvFormatProvider implements FormatProvider {

    @Override
    public FormatType format() {
        return FormatType.CSV;
    }

    @Override
    public String description() {
        return "csv: one sample per line, pandas layout (no header, no index); whole-file "
                + CsvCodec.supportedNames() + " compression";
    }

    @Override
    public String fileExtension(DatasetConfig dataset) {
        return codec(dataset).extension();
    }

    @Override
    public List<String> readableExtensions() {
        return Arrays.stream(CsvCodec.values()).map(CsvCodec::extension).collect(Collectors.toUnmodifiableList());
    }

    @Override
    public void validate(DatasetConfig dataset, ProblemReporter problems) {
        CsvCodec codec = CsvCodec.of(dataset.compression()).orElse(null);
        if (codec == null) {
            problems.error("dataset.compression", unsupported(dataset));
        } else {
            String levelProblem = codec.levelProblem(dataset.compressionLevel());
            if (levelProblem != null) {
                problems.error("dataset.compression_level", levelProblem);
            }
        }
        if (dataset.recordDims().isEmpty() && dataset.baseDimension() < 1) {
            problems.error("dataset.record_length_bytes", "csv needs at least one value per line; record_length_bytes "
                    + dataset.recordLengthBytes() + " gives samples of 0 elements");
        }
    }

    @Override
    public FileGenerator newGenerator(DatasetConfig dataset) {
        CsvCodec codec = codec(dataset);
        String levelProblem = codec.levelProblem(dataset.compressionLevel());
        if (levelProblem != null) {
            throw new DlioException("dataset.compression_level: " + levelProblem);
        }
        return new CsvGenerator(dataset.recordElementType(), codec, dataset.compressionLevel());
    }

    @Override
    public FormatReader newReader(ReaderSettings settings) {
        List<String> columns = settings.columns();
        if (!columns.isEmpty() && !columns.equals(CsvFormatReader.COLUMNS)) {
            throw new DlioException("csv files have one column 'data'; cannot read columns " + columns);
        }
        return new CsvFormatReader(settings);
    }

    /** Compression, rows and values per row: what pandas would call the shape. */
    @Override
    public List<String> describe(Path file) throws IOException {
        try (CsvFile f = (CsvFile) new CsvFormatReader(ReaderSettings.defaults()).open(file)) {
            return List.of("format: csv (no header, one sample per row)", "compression: " + f.codec().yamlName(),
                    "rows (samples): " + f.sampleCount(), "values per row: " + f.valuesPerLine());
        }
    }

    private static CsvCodec codec(DatasetConfig dataset) {
        return CsvCodec.of(dataset.compression())
                .orElseThrow(() -> new DlioException("dataset.compression: " + unsupported(dataset)));
    }

    private static String unsupported(DatasetConfig dataset) {
        return "csv supports " + CsvCodec.supportedNames() + "; got '" + dataset.compression().yamlName() + "'";
    }
}
