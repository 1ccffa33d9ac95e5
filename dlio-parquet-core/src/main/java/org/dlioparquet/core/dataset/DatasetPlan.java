package org.dlioparquet.core.dataset;

import java.util.List;
import org.dlioparquet.core.Split;
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
