package org.dlioparquet.core.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.WorkloadConfig;

/**
 * What to do about a data file a run could not use: when a generation of this workload wrote it
 * and its bytes have changed since (the manifest recorded another size or CRC32C), the message
 * says that {@code datagen --verify} rewrites it. A file no record names, or one that is as it was
 * written, gets no such advice: verifying would not change it.
 */
public final class DamageHint {
    private DamageHint() {
    }

    /** {@code e} with the advice added when it applies; {@code e} itself otherwise. */
    public static DataFileException explain(WorkloadConfig config, DataFileException e) {
        try {
            return changedSinceWritten(config, e.file()) ? new DataFileException(e.file(), e.reason()
                    + "; the file changed after dlio-parquet wrote it (the manifest recorded other bytes): "
                    + "'dlio-parquet datagen <workload> --verify' rewrites it", e) : e;
        } catch (IOException | RuntimeException ignored) {
            return e; // the advice is a courtesy: the failure itself is what must be reported
        }
    }

    private static boolean changedSinceWritten(WorkloadConfig config, Path file) throws IOException {
        if (file == null || !Files.isRegularFile(file)) {
            return false;
        }
        DatasetPlan plan = WorkloadDataset.of(config).plan();
        Path root = config.dataFolderPath();
        Path relative = root.relativize(file.toAbsolutePath().normalize());
        if (relative.getParent() == null) {
            return false;
        }
        String folder = relative.getParent().toString().replace('\\', '/');
        String name = relative.getFileName().toString();
        for (Split split : Split.values()) {
            long i = plan.layout().indexIn(folder, name, split);
            if (i >= 0) {
                long index = split == Split.TRAIN ? i : plan.dataset().numFilesTrain() + i;
                DatasetManifest records = DatasetRecords.load(config, plan).manifest();
                return records.has(index) && (Files.size(file) != records.size(index)
                        || Crc32c.of(file) != records.crc32c(index));
            }
        }
        return false;
    }
}
