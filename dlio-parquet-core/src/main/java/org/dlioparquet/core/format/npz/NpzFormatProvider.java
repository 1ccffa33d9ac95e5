package org.dlioparquet.core.format.npz;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ProblemReporter;
import org.dlioparquet.core.spi.ReaderSettings;

/**
 * DLIO's {@code npz} format: {@code np.savez(x=records, y=labels)} with the samples on the last
 * axis of {@code x}. {@code dataset.compression: zip} (or {@code gzip}) deflates the members like
 * {@code np.savez_compressed} — which DLIO means to do but, comparing a string with an enum, never
 * does.
 */
public final class NpzFormatProvider implements FormatProvider {

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
        return path -> NpzSampleFile.open(path, settings);
    }
}
