package org.dlioparquet.core.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.config.WorkloadConfig;

/** Compares files on disk with what the generation's manifest recorded. */
public final class ManifestCheck {
    private ManifestCheck() {
    }

    /**
     * What the generations of this workload recorded, whatever their rank counts (nothing for a
     * dataset written by DLIO); a manifest of another workload, or an unreadable one, is a problem.
     */
    public static DatasetManifest load(WorkloadConfig config, DatasetPlan plan, Path root, List<String> problems)
            throws IOException {
        DatasetRecords records = DatasetRecords.load(root, plan, ConfigFingerprint.of(config));
        Optional<DataFileException> problem = records.problem();
        if (problem.isPresent()) {
            problems.add(problem.get().getMessage());
            return null;
        }
        return records.manifest();
    }

    /** Why {@code file} does not match its manifest entry, or {@code null} when it does (or is not listed). */
    public static String compare(DatasetManifest manifest, long index, Path file, long size, boolean checksum)
            throws IOException {
        if (manifest == null || !manifest.has(index)) {
            return null;
        }
        if (size != manifest.size(index)) {
            return "size " + size + " bytes, the manifest recorded " + manifest.size(index);
        }
        if (checksum) {
            int crc = Crc32c.of(file);
            if (crc != manifest.crc32c(index)) {
                return String.format("CRC32C %08x, the manifest recorded %08x: the file changed after it was written",
                        crc, manifest.crc32c(index));
            }
        }
        return null;
    }
}
