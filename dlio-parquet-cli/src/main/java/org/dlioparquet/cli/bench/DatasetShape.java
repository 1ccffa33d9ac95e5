package org.dlioparquet.cli.bench;

/**
 * Files and samples per file for a dataset of about {@code totalBytes}: as many samples as fit
 * (at least one), spread over at most {@code maxFiles} files with equal sample counts.
 */
record DatasetShape(int files, int samplesPerFile) {

    static DatasetShape of(long totalBytes, long sampleBytes, int maxFiles) {
        long samples = Math.max(1, totalBytes / sampleBytes);
        int files = (int) Math.min(maxFiles, samples);
        return new DatasetShape(files, (int) Math.min(Integer.MAX_VALUE, samples / files));
    }

    long samples() {
        return (long) files * samplesPerFile;
    }

    /** The batch of about {@code batchBytes} that the dataset can fill at least once. */
    int batchSize(long sampleBytes, long batchBytes) {
        return (int) Math.max(1, Math.min(samples(), batchBytes / sampleBytes));
    }
}
