package org.dlioparquet.core.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.config.WorkloadConfig;

/** Compares files on disk with what the generation's manifest recorded. */
public final class ManifestCheck {
    private ManifestCheck() {
    }

    /**
     * The manifest of a single-rank generation of this workload, or {@code null} when there is none
     * (a dataset written by DLIO, or by ranks); a manifest of another workload is a problem.
     */
    public static DatasetManifest load(WorkloadConfig config, DatasetPlan plan, Path root, List<String> problems)
            throws IOException {
        try {
            return DatasetManifest.load(root, 0, 1, plan, ConfigFingerprint.of(config));
        } catch (DataFileException e) { // unreadable, or another workload's
            problems.add(e.getMessage());
            return null;
        }
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
