package org.dlioparquet.core.dataset;

import java.util.List;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.SeededContent;

/**
 * Which files a dataset has and what each holds. Files are numbered over both splits (train
 * first, then eval) as DLIO does; {@link #spec(long)} computes a file's {@link FileSpec} on demand,
 * so a plan of millions of files costs two ints per file at most (the jittered dimensions).
 */
public final class DatasetPlan {
    private final DatasetConfig dataset;
    private final DatasetLayout layout;
    private final int[] jitteredDims;

    public DatasetPlan(DatasetConfig dataset, String extension) {
        this.dataset = dataset;
        this.layout = new DatasetLayout(dataset, extension);
        this.jitteredDims = dataset.recordDims().isEmpty() && dataset.recordLengthBytesStdev() > 0
                ? drawDimensions(dataset) : null;
    }

    /**
     * DLIO's {@code get_dimension}: after seeding NumPy's legacy generator, {@code 2 * files}
     * draws of {@code Normal(floor(sqrt(L)), stdev / 2 / sqrt(L))}, truncated, at least 1; file
     * {@code i} gets draws {@code 2i} and {@code 2i+1}. With DLIO's seed (10, our default
     * {@code generation_seed}) the sizes equal DLIO's.
     */
    private static int[] drawDimensions(DatasetConfig ds) {
        long files = ds.totalFiles();
        if (2 * files > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many files for jittered dimensions: " + files);
        }
        double dimension = ds.baseDimension();
        double stdev = ds.recordLengthBytesStdev() / 2 / Math.sqrt(ds.recordLengthBytes());
        NumpyLegacyRandom rng = new NumpyLegacyRandom(ds.generationSeed());
        int[] dims = new int[(int) (2 * files)];
        for (int i = 0; i < dims.length; i++) {
            double d = rng.nextNormal(dimension, stdev);
            dims[i] = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (long) d));
        }
        return dims;
    }

    public DatasetLayout layout() {
        return layout;
    }

    public DatasetConfig dataset() {
        return dataset;
    }

    public long totalFiles() {
        return dataset.totalFiles();
    }

    /** The spec of file {@code globalIndex} (train files first, then eval files). */
    public FileSpec spec(long globalIndex) {
        if (globalIndex < 0 || globalIndex >= totalFiles()) {
            throw new IndexOutOfBoundsException("file " + globalIndex + " of " + totalFiles());
        }
        Split split = globalIndex < dataset.numFilesTrain() ? Split.TRAIN : Split.EVAL;
        int index = (int) (split == Split.TRAIN ? globalIndex : globalIndex - dataset.numFilesTrain());
        return new FileSpec(layout.relativePath(split, index), split, index, globalIndex, shape(globalIndex),
                dataset.numSamplesPerFile(), SeededContent.mix(dataset.generationSeed(), globalIndex));
    }

    public FileSpec spec(Split split, int index) {
        return spec(split == Split.TRAIN ? index : (long) dataset.numFilesTrain() + index);
    }

    /** Bytes of the samples of file {@code globalIndex}, before any file format's framing or compression. */
    public long payloadBytes(long globalIndex) {
        long perSample;
        if (dataset.isColumnLayout()) {
            perSample = dataset.nominalSampleBytes();
        } else if (jitteredDims != null) {
            int i = (int) globalIndex;
            perSample = (long) jitteredDims[2 * i] * jitteredDims[2 * i + 1] * dataset.recordElementType().size();
        } else {
            perSample = dataset.nominalSampleBytes();
        }
        try {
            return Math.multiplyExact(perSample, (long) dataset.numSamplesPerFile());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE; // more than any storage holds; the space check says so
        }
    }

    /**
     * The fewest bytes file {@code globalIndex} can take on disk: its payload, or a quarter of it
     * when compressed (generated contents are random bits or random fractions, which no codec
     * shrinks further).
     */
    public long minimumFileBytes(long globalIndex) {
        long payload = payloadBytes(globalIndex);
        return dataset.compression() == Compression.NONE ? payload : payload / 4;
    }

    private List<Integer> shape(long globalIndex) {
        if (!dataset.recordDims().isEmpty()) {
            return dataset.recordDims();
        }
        if (jitteredDims != null) {
            int i = (int) globalIndex;
            return List.of(jitteredDims[2 * i], jitteredDims[2 * i + 1]);
        }
        int d = dataset.baseDimension();
        return List.of(d, d);
    }
}
