package org.dlioparquet.core.format.npz;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.format.npy.NpyHeader;
import org.dlioparquet.core.format.npy.SampleArrayWriter;
import org.dlioparquet.core.format.npy.SpareArrays;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ProblemReporter;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.storage.DirectBufferPool;

/**
 * DLIO's {@code npz} format: {@code np.savez(x=records, y=labels)} with the samples on the last
 * axis of {@code x}. {@code dataset.compression: zip} (or {@code gzip}) deflates the members like
 * {@code np.savez_compressed} — which DLIO means to do but, comparing a string with an enum, never
 * does.
 */
public final class NpzFormatProvider implements FormatProvider {
    /** Read buffers kept between files: a few reader threads with an array and an input buffer each. */
    private static final int SPARE_BUFFERS = 16;
    /** Inflaters kept between files: one per reader thread is plenty. */
    private static final int SPARE_INFLATERS = 8;

    @Override
    public FormatType format() {
        return FormatType.NPZ;
    }

    @Override
    public String description() {
        return "npz: ZIP of x.npy (samples on the last axis) and y.npy labels (np.savez); stored or deflated";
    }

    @Override
    public String fileExtension(DatasetConfig dataset) {
        return "npz";
    }

    @Override
    public void validate(DatasetConfig dataset, ProblemReporter problems) {
        SampleArrayWriter.checkSamplesPerFile(dataset, problems);
        Compression c = dataset.compression();
        if (c != Compression.NONE && c != Compression.ZIP && c != Compression.GZIP) {
            problems.error("dataset.compression", "npz supports none, zip, gzip (zip and gzip deflate the members); got '"
                    + c + "'");
        } else if (c != Compression.NONE && (dataset.compressionLevel() < 0 || dataset.compressionLevel() > 9)) {
            problems.error("dataset.compression_level", "deflate levels are 0..9; got " + dataset.compressionLevel());
        }
    }

    @Override
    public FileGenerator newGenerator(DatasetConfig dataset) {
        Compression c = dataset.compression();
        if (c != Compression.NONE && c != Compression.ZIP && c != Compression.GZIP) {
            throw new IllegalArgumentException("npz supports compression none, zip, gzip; got '" + c + "'");
        }
        boolean deflate = c != Compression.NONE;
        return new NpzFileGenerator(dataset.recordElementType(),
                deflate ? ZipArchiveEntry.DEFLATED : ZipArchiveEntry.STORED, dataset.compressionLevel());
    }

    @Override
    public FormatReader newReader(ReaderSettings settings) {
        DirectBufferPool buffers = new DirectBufferPool(SPARE_BUFFERS);
        InflaterPool inflaters = new InflaterPool(SPARE_INFLATERS);
        SpareArrays arrays = SpareArrays.upToOneKeptArray();
        return path -> NpzSampleFile.open(path, settings, buffers, inflaters, arrays);
    }

    /** The archive's members (method, sizes) and the array in {@code x.npy}. */
    @Override
    public List<String> describe(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (NpzSampleFile f = NpzSampleFile.openForListing(file, ReaderSettings.defaults())) {
            lines.add("format: npz");
            for (String member : f.memberSummaries()) {
                lines.add("member " + member);
            }
            NpyHeader h = f.header();
            lines.add("x: dtype " + h.type().npyDescr() + " (" + h.type() + "), shape " + h.shapeText()
                    + ", fortran_order " + (h.fortranOrder() ? "True" : "False"));
            lines.add("samples (last axis of x): " + f.sampleCount());
        }
        return lines;
    }
}
