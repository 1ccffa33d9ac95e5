package org.dlioparquet.core.format.hdf5;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.config.Hdf5Config;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ProblemReporter;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.storage.DirectBufferPool;

/**
 * DLIO's {@code hdf5} format, written and parsed with jHDF. This class mentions no jHDF type: the
 * ServiceLoader creates it without jHDF on the class path, and only using the format then fails,
 * with one line that says what to add.
 */
public final class Hdf5FormatProvider implements FormatProvider {
    /** jHDF builds a file's records array in memory; this caps one file's array. */
    static final long MAX_DATASET_BYTES = 256L << 20;
    static final String MAX_DATASET_BYTES_TEXT = "256 MiB";
    /** Sample buffers a reader keeps for its next files: at least one per reader thread (the pool grows to the most in use). */
    private static final int SPARE_SAMPLE_BUFFERS = 4;
    private static final Set<ElementType> WRITABLE = Set.of(ElementType.INT8, ElementType.UINT8, ElementType.INT16,
            ElementType.UINT16, ElementType.INT32, ElementType.UINT32, ElementType.INT64, ElementType.UINT64,
            ElementType.FLOAT32, ElementType.FLOAT64);

    @Override
    public FormatType format() {
        return FormatType.HDF5;
    }

    @Override
    public String description() {
        return "hdf5: datasets records_0..k-1 (samples first) and labels, contiguous or chunked with gzip (jHDF"
                + (Jhdf.present() ? ")" : "; NOT on the class path: add io.jhdf:jhdf)");
    }

    @Override
    public String fileExtension(DatasetConfig dataset) {
        return "hdf5";
    }

    @Override
    public List<String> readableExtensions() {
        return List.of("hdf5", "h5");
    }

    @Override
    public void validate(DatasetConfig dataset, ProblemReporter problems) {
        if (!Jhdf.present()) {
            problems.error("dataset.format", Jhdf.MISSING);
        }
        Compression c = dataset.compression();
        if (c == Compression.LZF) {
            problems.error("dataset.compression", "lzf cannot be written: jHDF only decodes LZF; use gzip (HDF5 files "
                    + "with LZF chunks from h5py are read)");
        } else if (c != Compression.NONE && c != Compression.GZIP) {
            problems.error("dataset.compression", "hdf5 supports none and gzip; got '" + c.yamlName() + "'");
        } else if (c == Compression.GZIP && (dataset.compressionLevel() < 0 || dataset.compressionLevel() > 9)) {
            problems.error("dataset.compression_level", "gzip levels are 0..9; got " + dataset.compressionLevel());
        }
        if (!WRITABLE.contains(dataset.recordElementType())) {
            problems.error("dataset.record_element_type", "jHDF cannot write " + dataset.recordElementType()
                    + " datasets; use an integer type, float32 or float64");
        }
        List<Integer> sample = nominalSampleShape(dataset);
        Hdf5Config h = dataset.hdf5();
        if (sample.get(0) % h.numDsetPerRecord() != 0 || sample.get(0) < h.numDsetPerRecord()) {
            problems.error("dataset.hdf5.num_dset_per_record", h.numDsetPerRecord() + " datasets cannot share a first "
                    + "sample dimension of " + sample.get(0) + " (it must divide it, as DLIO requires)");
        }
        if (!h.chunkDims().isEmpty() && h.chunkDims().size() != sample.size() + 1) {
            problems.error("dataset.hdf5.chunk_dims", "needs " + (sample.size() + 1) + " values (samples, then the "
                    + "sample's " + sample.size() + " dimensions); got " + h.chunkDims());
        }
        long bytes = (long) dataset.numSamplesPerFile() * dataset.nominalSampleBytes() / h.numDsetPerRecord();
        if (bytes > MAX_DATASET_BYTES) {
            problems.error("dataset.num_samples_per_file", "an HDF5 file's records array of " + bytes + " bytes is "
                    + "more than the " + MAX_DATASET_BYTES_TEXT + " jHDF may build in memory per file (it writes whole "
                    + "arrays); lower num_samples_per_file or the record size");
        }
    }

    /** {@code record_dims} without a leading 1 (as DLIO drops it), or {@code (d, d)}. */
    private static List<Integer> nominalSampleShape(DatasetConfig dataset) {
        List<Integer> dims = new ArrayList<>(dataset.recordDims());
        if (dims.isEmpty()) {
            return List.of(dataset.baseDimension(), dataset.baseDimension());
        }
        if (dims.size() > 1 && dims.get(0) == 1) {
            dims.remove(0);
        }
        return dims;
    }

    @Override
    public FileGenerator newGenerator(DatasetConfig dataset) {
        Jhdf.require();
        return new Hdf5Generator(dataset);
    }

    @Override
    public FormatReader newReader(ReaderSettings settings) {
        Jhdf.require();
        DirectBufferPool samples = DirectBufferPool.growingWithUse(SPARE_SAMPLE_BUFFERS);
        return path -> Hdf5SampleFile.open(path, settings, samples);
    }

    @Override
    public List<String> describe(Path file) throws IOException {
        try (SampleFile f = newReader(ReaderSettings.defaults()).open(file)) {
            return List.of("format: hdf5 (read with jHDF)", "datasets: " + String.join(", ", f.columns()) + " (+ labels)",
                    "samples (first dimension): " + f.sampleCount());
        }
    }
}
