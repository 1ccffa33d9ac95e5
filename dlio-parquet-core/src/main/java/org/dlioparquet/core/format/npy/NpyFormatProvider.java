package org.dlioparquet.core.format.npy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ProblemReporter;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.storage.DirectBufferPool;

/**
 * DLIO's {@code npy} format: each file is {@code np.save(records)} with {@code records} of shape
 * {@code (*sample_shape, num_samples_per_file)}.
 */
public final class NpyFormatProvider implements FormatProvider {
    /** Read buffers kept between files: a few reader threads with one array each. */
    private static final int SPARE_BUFFERS = 8;

    @Override
    public FormatType format() {
        return FormatType.NPY;
    }

    @Override
    public String description() {
        return "npy: one NumPy array per file, samples on the last axis (np.save)";
    }

    @Override
    public String fileExtension(DatasetConfig dataset) {
        return "npy";
    }

    @Override
    public void validate(DatasetConfig dataset, ProblemReporter problems) {
        if (dataset.compression() != Compression.NONE) {
            problems.error("dataset.compression", "npy supports none (np.save does not compress); got '"
                    + dataset.compression() + "'; use format npz with compression zip for deflated arrays");
        }
    }

    @Override
    public FileGenerator newGenerator(DatasetConfig dataset) {
        return new NpyFileGenerator(dataset.recordElementType());
    }

    @Override
    public FormatReader newReader(ReaderSettings settings) {
        DirectBufferPool buffers = new DirectBufferPool(SPARE_BUFFERS);
        return path -> NpySampleFile.open(path, settings, buffers);
    }

    /** The array's dtype, shape and memory order; samples are the last axis. */
    @Override
    public List<String> describe(Path file) throws IOException {
        try (NpySampleFile f = NpySampleFile.open(file, ReaderSettings.defaults(), new DirectBufferPool(0))) {
            NpyHeader h = f.header();
            return List.of("format: npy", "dtype: " + h.type().npyDescr() + " (" + h.type() + ")",
                    "shape: " + h.shapeText(), "fortran_order: " + (h.fortranOrder() ? "True" : "False"),
                    "samples (last axis): " + f.sampleCount(), "data offset: " + h.dataOffset());
        }
    }
}
