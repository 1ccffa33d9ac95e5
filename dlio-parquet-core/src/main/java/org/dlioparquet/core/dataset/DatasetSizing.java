package org.dlioparquet.core.dataset;

import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.config.WorkloadConfig;

/**
 * MLPerf Storage's dataset-size rule ({@code mlpstorage training datasize}): the dataset must be
 * at least 5 × the total client memory, so the page cache cannot hold it, and give at least 500
 * steps per epoch to the accelerators.
 *
 * @param filesByMemory  files needed for 5 × memory
 * @param filesBySteps   files needed for 500 steps per epoch
 * @param files          the larger of the two
 * @param fileBytes      nominal bytes per file (samples per file × DLIO's nominal record size)
 * @param subfolders     a subfolder count that keeps folders under 10,000 files (0 = none needed)
 */
public record DatasetSizing(long filesByMemory, long filesBySteps, long files, double fileBytes, int subfolders) {
    public static final int MEMORY_MULTIPLIER = 5;
    public static final int MIN_STEPS_PER_EPOCH = 500;
    public static final int MAX_FILES_PER_FOLDER = 10_000;

    public static DatasetSizing compute(WorkloadConfig config, double clientMemoryGiB, int clientHosts,
                                        int accelerators) {
        if (clientMemoryGiB <= 0 || clientHosts < 1 || accelerators < 1) {
            throw new IllegalArgumentException("memory, hosts and accelerators must be positive");
        }
        DatasetConfig ds = config.dataset();
        double fileBytes = ds.numSamplesPerFile() * ds.nominalRecordBytes();
        double totalMemory = clientMemoryGiB * clientHosts * 1024 * 1024 * 1024;
        long byMemory = (long) Math.ceil(MEMORY_MULTIPLIER * totalMemory / fileBytes);
        long bySteps = (long) Math.ceil((double) MIN_STEPS_PER_EPOCH * accelerators * config.reader().batchSize()
                / ds.numSamplesPerFile());
        long files = Math.max(byMemory, bySteps);
        int subfolders = files > MAX_FILES_PER_FOLDER ? (int) Math.ceil((double) files / MAX_FILES_PER_FOLDER) : 0;
        return new DatasetSizing(byMemory, bySteps, files, fileBytes, subfolders);
    }

    public double totalBytes() {
        return files * fileBytes;
    }
}
