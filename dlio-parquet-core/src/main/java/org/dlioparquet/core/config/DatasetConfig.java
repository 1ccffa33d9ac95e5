package org.dlioparquet.core.config;

import java.util.List;
import java.util.Objects;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;

/**
 * The {@code dataset} section: what the dataset on disk looks like.
 *
 * @param format                  file format
 * @param dataFolder              dataset root as written in the workload (relative to {@code storage.storage_root})
 * @param numFilesTrain           files under {@code train/}
 * @param numFilesEval            files under {@code valid/}
 * @param numSamplesPerFile       samples (rows) per file
 * @param recordLengthBytes       nominal sample size; the real one is {@code floor(sqrt(L))^2} elements
 * @param recordLengthBytesStdev  standard deviation of the sample size; per-file jitter of both dimensions
 * @param recordLengthBytesResize size of the transformed sample (only reported)
 * @param recordDims              explicit sample shape; overrides the record length when not empty
 * @param recordElementType       element type of a sample
 * @param numSubfoldersTrain      round-robin subfolders of {@code train/} when {@code > 1}
 * @param numSubfoldersEval       round-robin subfolders of {@code valid/} when {@code > 1}
 * @param filePrefix              file name prefix ({@code img})
 * @param compression             codec, meaning depends on the format
 * @param compressionLevel        codec level where the codec has one
 * @param keepFiles               {@code false}: delete the dataset after the run
 * @param parquet                 the Parquet block
 * @param generationThreads       writer threads; 0 = one per available core
 * @param generationSeed          seed of sample sizes and contents; same seed, same bytes
 * @param hdf5                    the HDF5 block
 */
public record DatasetConfig(FormatType format, String dataFolder, int numFilesTrain, int numFilesEval,
                            int numSamplesPerFile, double recordLengthBytes, double recordLengthBytesStdev,
                            double recordLengthBytesResize, List<Integer> recordDims,
                            ElementType recordElementType, int numSubfoldersTrain, int numSubfoldersEval,
                            String filePrefix, Compression compression, int compressionLevel,
                            boolean keepFiles, ParquetConfig parquet, int generationThreads,
                            long generationSeed, Hdf5Config hdf5) {
    public DatasetConfig {
        Objects.requireNonNull(hdf5, "hdf5");
        Objects.requireNonNull(dataFolder, "dataFolder");
        recordDims = List.copyOf(Objects.requireNonNull(recordDims, "recordDims"));
        Objects.requireNonNull(recordElementType, "recordElementType");
        Objects.requireNonNull(filePrefix, "filePrefix");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(parquet, "parquet");
    }

    /** A dataset with the default HDF5 block. */
    public DatasetConfig(FormatType format, String dataFolder, int numFilesTrain, int numFilesEval,
                         int numSamplesPerFile, double recordLengthBytes, double recordLengthBytesStdev,
                         double recordLengthBytesResize, List<Integer> recordDims, ElementType recordElementType,
                         int numSubfoldersTrain, int numSubfoldersEval, String filePrefix, Compression compression,
                         int compressionLevel, boolean keepFiles, ParquetConfig parquet, int generationThreads,
                         long generationSeed) {
        this(format, dataFolder, numFilesTrain, numFilesEval, numSamplesPerFile, recordLengthBytes,
                recordLengthBytesStdev, recordLengthBytesResize, recordDims, recordElementType, numSubfoldersTrain,
                numSubfoldersEval, filePrefix, compression, compressionLevel, keepFiles, parquet, generationThreads,
                generationSeed, Hdf5Config.defaults());
    }

    /** Total files of both splits. */
    public long totalFiles() {
        return (long) numFilesTrain + numFilesEval;
    }

    /** DLIO's base sample dimension {@code floor(sqrt(record_length_bytes))}. */
    public int baseDimension() {
        return (int) Math.floor(Math.sqrt(recordLengthBytes));
    }

    /**
     * Elements of one sample when the shape does not vary per file: {@code prod(record_dims)} or
     * {@code floor(sqrt(L))^2}.
     */
    public long nominalSampleElements() {
        if (!recordDims.isEmpty()) {
            long n = 1;
            for (int d : recordDims) {
                n *= d;
            }
            return n;
        }
        long d = baseDimension();
        return d * d;
    }

    /** Bytes of one sample when the shape does not vary per file. */
    public long nominalSampleBytes() {
        if (isColumnLayout()) {
            return columnBytesPerRow();
        }
        return nominalSampleElements() * recordElementType.size();
    }

    /**
     * DLIO's nominal record size, the one its MB/s and dataset sizes are counted in: the sum of the
     * column sizes with a Parquet column schema (the DLIO fork's rule), {@code prod(record_dims) ×
     * element size} with {@code record_dims}, else {@code record_length_bytes} as written (not the
     * {@code floor(sqrt(L))^2} elements actually generated).
     */
    public double nominalRecordBytes() {
        if (isColumnLayout()) {
            return columnBytesPerRow();
        }
        if (!recordDims.isEmpty()) {
            return (double) nominalSampleElements() * recordElementType.size();
        }
        return recordLengthBytes;
    }

    /**
     * True when a sample is a row of the DLIO fork's Parquet column schema
     * ({@code dataset.parquet.columns}); false when a sample is one value holding
     * all its bytes, as in every other format and in Parquet's blob layout.
     */
    public boolean isColumnLayout() {
        return FormatType.PARQUET.equals(format) && !parquet.isBlobLayout();
    }

    private long columnBytesPerRow() {
        return parquet.columns().stream().mapToLong(ColumnSpec::bytesPerRow).sum();
    }
}
