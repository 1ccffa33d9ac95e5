package org.dlioparquet.core.format.indexedbinary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.CompanionFile;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ProblemReporter;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;

/**
 * DLIO's {@code indexed_binary} format (DLRM's): raw sample bytes, with {@code <file>.off.idx} and
 * {@code <file>.sz.idx} beside each file; read with positional reads. {@link MmapIndexedBinaryFormatProvider}
 * is the same files read through memory maps (Megatron-DeepSpeed's).
 */
public class IndexedBinaryFormatProvider implements FormatProvider {

    @Override
    public FormatType format() {
        return FormatType.INDEXED_BINARY;
    }

    /** Whether the reader maps the files instead of reading them. */
    boolean mapped() {
        return false;
    }

    @Override
    public String description() {
        return format() + ": raw samples with <file>.off.idx and <file>.sz.idx uint64 tables; "
                + (mapped() ? "read through memory maps" : "positional reads");
    }

    @Override
    public String fileExtension(DatasetConfig dataset) {
        return format().name();
    }

    @Override
    public void validate(DatasetConfig dataset, ProblemReporter problems) {
        if (dataset.compression() != Compression.NONE) {
            problems.error("dataset.compression", format() + " supports none (raw samples); got '"
                    + dataset.compression().yamlName() + "'");
        }
    }

    @Override
    public FileGenerator newGenerator(DatasetConfig dataset) {
        return new IndexedBinaryGenerator(dataset.recordElementType());
    }

    @Override
    public List<CompanionFile> companions(DatasetConfig dataset, FileSpec spec) {
        long bytes = spec.sampleBytes(dataset.recordElementType());
        return List.of(IndexTableFile.offsets(spec.relativePath(), spec.numSamples(), bytes),
                IndexTableFile.sizes(spec.relativePath(), spec.numSamples(), bytes));
    }

    @Override
    public FormatReader newReader(ReaderSettings settings) {
        return new IndexedBinaryReader(settings, mapped());
    }

    @Override
    public List<String> describe(Path file) throws IOException {
        try (SampleFile f = newReader(ReaderSettings.defaults()).open(file)) {
            long[] bytes = new long[1];
            if (f.sampleCount() > 0) {
                f.read(0, 1, (s, c, piece) -> bytes[0] += piece.remaining());
            }
            return List.of("format: " + format() + (mapped() ? " (memory-mapped reads)" : ""),
                    "samples (from " + IndexTableFile.offsetsOf(file).getFileName() + "): " + f.sampleCount(),
                    "sample 0: " + bytes[0] + " bytes");
        }
    }
}
