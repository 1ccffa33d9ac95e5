package org.dlioparquet.core.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.WorkloadConfig;

/**
 * Internal: {@code dataset.keep_files: False}, DLIO's deletion of the dataset at the end of a run:
 * the files the workload's plan names, its bookkeeping, and the folders left empty.
 */
public final class DatasetRemoval {
    private DatasetRemoval() {
    }

    public static void delete(WorkloadConfig config) throws IOException {
        DatasetLayout layout = WorkloadDataset.of(config).plan().layout();
        Path root = config.dataFolderPath();
        for (Split split : Split.values()) {
            for (int i = 0; i < layout.fileCount(split); i++) {
                Files.deleteIfExists(root.resolve(layout.relativePath(split, i)));
            }
            for (String folder : layout.folders(split)) {
                deleteIfEmpty(root.resolve(folder));
            }
            deleteIfEmpty(root.resolve(split.folder()));
        }
        DatasetManifest.deleteBookkeeping(root);
        deleteIfEmpty(root);
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                if (s.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            }
        }
    }
}
