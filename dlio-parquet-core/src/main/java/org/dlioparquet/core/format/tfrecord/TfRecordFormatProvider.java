package org.dlioparquet.core.format.tfrecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.dlioparquet.core.spi.SampleSink;

/**
 * DLIO's {@code tfrecord} format: one {@code tf.train.Example} per sample with features
 * {@code image} (the sample's bytes) and {@code size} (their count), TFRecord framing with masked
 * CRC32C, and the DALI index DLIO writes beside each file.
 */
public final class TfRecordFormatProvider implements FormatProvider {

    @Override
    public FormatType format() {
        return FormatType.TFRECORD;
    }

    @Override
    public String description() {
        return "tfrecord: tf.train.Example records (image bytes, size int64) with masked CRC32C framing; "
                + "DALI index files in index/<split>/";
    }

    @Override
    public String fileExtension(DatasetConfig dataset) {
        return "tfrecord";
    }

    @Override
    public void validate(DatasetConfig dataset, ProblemReporter problems) {
        if (dataset.compression() != Compression.NONE) {
            problems.error("dataset.compression", "tfrecord supports none (DLIO writes uncompressed TFRecords); got '"
                    + dataset.compression().yamlName() + "'");
        }
    }

    @Override
    public FileGenerator newGenerator(DatasetConfig dataset) {
        return new TfRecordGenerator(dataset.recordElementType());
    }

    @Override
    public List<CompanionFile> companions(DatasetConfig dataset, FileSpec spec) {
        long image = spec.sampleBytes(dataset.recordElementType());
        long record = ExampleCodec.layout(image, image).payloadLength() + TfRecordFraming.OVERHEAD;
        return List.of(new DaliIndex(DaliIndex.pathFor(spec.split().folder(), spec.fileName()), spec.numSamples(),
                record));
    }

    @Override
    public FormatReader newReader(ReaderSettings settings) {
        return new TfRecordReader(settings);
    }

    /** Records, where their offsets came from, and the first record's image size. */
    @Override
    public List<String> describe(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (TfRecordSampleFile f = (TfRecordSampleFile) newReader(ReaderSettings.defaults()).open(file)) {
            lines.add("format: tfrecord (tf.train.Example records)");
            lines.add("records (samples): " + f.sampleCount());
            lines.add("record offsets from: " + (f.table().index() != null ? "DALI index " + f.table().index()
                    : "the framing (no index file)"));
            if (f.sampleCount() > 0) {
                long[] bytes = new long[1];
                f.read(0, 1, (SampleSink) (s, c, piece) -> bytes[0] += piece.remaining());
                lines.add("record 0: " + f.table().length(0) + " bytes framed, image " + bytes[0] + " bytes");
            }
        }
        return lines;
    }

    /** Bytes of one framed record holding a sample of {@code imageBytes} bytes (for tests and sizing). */
    static long recordBytes(long imageBytes) {
        return ExampleCodec.layout(imageBytes, imageBytes).payloadLength() + TfRecordFraming.OVERHEAD;
    }
}
