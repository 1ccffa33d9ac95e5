package org.dlioparquet.core.dataset;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.WorkloadConfig;

/**
 * Internal: {@code dataset.keep_files: False}, DLIO's deletion of the dataset at the end of a run,
 * limited to what this workload's generations wrote: a file is deleted only when a manifest or
 * journal of this workload records it, at the size recorded; bookkeeping only under its exact
 * names and only this workload's; folders only when that leaves them empty. A dataset written by
 * another program, a user's file beside it, another workload's manifest stay.
 *
 * @param deleted files of the dataset deleted
 * @param kept    files under the dataset's names left in place: no record of this workload names
 *                them, or their size changed since
 */
public record DatasetRemoval(long deleted, long kept) {

    public static DatasetRemoval delete(WorkloadConfig config) throws IOException {
        WorkloadDataset dataset = WorkloadDataset.of(config);
        DatasetPlan plan = dataset.plan();
        DatasetLayout layout = plan.layout();
        Path root = config.dataFolderPath();
        DatasetRecords records = DatasetRecords.load(config, plan);
        DatasetManifest ours = records.manifest();
        long deleted = 0;
        long kept = 0;
        for (long i = 0; i < plan.totalFiles(); i++) {
            Path file = root.resolve(plan.spec(i).relativePath());
            Optional<BasicFileAttributes> attributes = attributesOf(file);
            if (attributes.isEmpty()) {
                continue;
            }
            if (ours.has(i) && attributes.get().isRegularFile() && attributes.get().size() == ours.size(i)) {
                Files.deleteIfExists(file);
                // written with the file (a TFRecord index): ours as much as the file is
                Companions.delete(root, dataset.provider().companions(config.dataset(), plan.spec(i)));
                deleted++;
            } else {
                kept++;
            }
        }
        for (Split split : Split.values()) {
            for (String folder : layout.folders(split)) {
                deleteIfEmpty(root.resolve(folder));
            }
            deleteIfEmpty(root.resolve(split.folder()));
        }
        deleteBookkeeping(root, records);
        deleteIfEmpty(root);
        return new DatasetRemoval(deleted, kept);
    }

    /**
     * Deletes this workload's manifests and journals (of every rank count) and the lock files no
     * generation holds (a held lock is never empty); the records of other workloads stay.
     */
    private static void deleteBookkeeping(Path root, DatasetRecords records) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root)) {
            for (Path f : files) {
                Optional<Bookkeeping> b = Bookkeeping.of(f.getFileName().toString());
                if (b.isEmpty()) {
                    continue;
                }
                boolean ours = switch (b.get().kind()) {
                    case MANIFEST, JOURNAL -> records.isThisWorkloads(f);
                    case LOCK, FOLDER_LOCK -> Files.size(f) == 0;
                };
                if (ours) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static Optional<BasicFileAttributes> attributesOf(Path file) throws IOException {
        try {
            return Optional.of(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            try (var s = Files.list(dir)) {
                if (s.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            }
        }
    }
}
