package org.dlioparquet.core.format.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ProblemReporter;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;

/** What the {@code jpeg} and {@code png} providers share: one grayscale image of {@code d1 × d2} per file. */
abstract class ImageFormatProvider implements FormatProvider {
    private final ImageCodec codec;

    ImageFormatProvider(ImageCodec codec) {
        this.codec = codec;
    }

    @Override
    public String description() {
        return format() + ": one 8-bit grayscale image per file (PIL's layout, javax.imageio); the sample is the "
                + "file's bytes, or its pixels with reader.columns: [pixels]";
    }

    @Override
    public String fileExtension(DatasetConfig dataset) {
        return format().name();
    }

    @Override
    public List<String> readableExtensions() {
        return List.of(format().name(), codec.shortExtension());
    }

    @Override
    public void validate(DatasetConfig dataset, ProblemReporter problems) {
        String f = format().name();
        if (dataset.compression() != Compression.NONE) {
            problems.error("dataset.compression", f + " files are compressed by their own codec; set compression to "
                    + "none, got '" + dataset.compression().yamlName() + "'");
        }
        if (dataset.recordElementType() != ElementType.UINT8) {
            problems.error("dataset.record_element_type", f + " images hold 8-bit pixels; set it to uint8 (DLIO "
                    + "resets it to uint8 with a warning), got " + dataset.recordElementType());
        }
        if (!dataset.recordDims().isEmpty() && dataset.recordDims().size() != 2) {
            problems.error("dataset.record_dims", f + " images have two dimensions (height, width); got "
                    + dataset.recordDims());
        }
        if (dataset.numSamplesPerFile() != 1) {
            problems.error("dataset.num_samples_per_file", "a " + f + " file holds one image; set it to 1, got "
                    + dataset.numSamplesPerFile());
        }
        if (dataset.recordDims().isEmpty() && dataset.baseDimension() < 1) {
            problems.error("dataset.record_length_bytes", "an image needs at least one pixel; got "
                    + dataset.recordLengthBytes());
        }
    }

    @Override
    public FileGenerator newGenerator(DatasetConfig dataset) {
        return new ImageGenerator(codec);
    }

    @Override
    public FormatReader newReader(ReaderSettings settings) {
        return new ImageReaderFactory(codec, settings);
    }

    /** Deep validation decodes: the strongest check, and the pixels are the workload's sample size. */
    @Override
    public ReaderSettings deepValidationSettings(ReaderSettings settings) {
        return settings.withColumns(List.of(ImageColumn.PIXELS.columnName()));
    }

    /** Size and dimensions, from a decode. */
    @Override
    public List<String> describe(Path file) throws IOException {
        ReaderSettings pixels = ReaderSettings.defaults().withColumns(List.of(ImageColumn.PIXELS.columnName()));
        try (SampleFile f = newReader(pixels).open(file)) {
            long[] n = new long[1];
            f.read(0, 1, (s, c, piece) -> n[0] += piece.remaining());
            return List.of("format: " + format() + " (one image per file)", "file bytes: " + f.bytesRead(),
                    "decoded pixel bytes: " + n[0]);
        }
    }
}
