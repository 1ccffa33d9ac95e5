package org.dlioparquet.core.dataset;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.BitSet;
import java.util.OptionalLong;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.storage.StorageFileSystem;

/**
 * Confirms a split's files are on disk before a run reads them, with one directory listing per
 * folder (no per-file objects: a bit per expected file), and sums their sizes. A file counts only
 * under the exact name and subfolder DLIO gives it.
 */
public final class DatasetCheck {
    private DatasetCheck() {
    }

    /**
     * Confirms the split's files as {@link #check(Path, DatasetLayout, Split)} does; on an object
     * store, whose listing of millions of keys takes hours, the complete manifests of this workload
     * name and size the files instead, and only a dataset without them is listed.
     *
     * @return bytes of the split's files
     */
    public static long check(WorkloadConfig config, DatasetPlan plan, Split split) throws IOException {
        Path root = config.dataFolderPath();
        if (StorageFileSystem.isStoragePath(root) && plan.layout().fileCount(split) > 0) {
            DatasetRecords records = DatasetRecords.load(config, plan);
            if (records.problem().isEmpty() && records.complete()) {
                long first = split == Split.TRAIN ? 0 : config.dataset().numFilesTrain();
                long bytes = 0;
                boolean all = true;
                for (long i = first; i < first + plan.layout().fileCount(split) && all; i++) {
                    all = records.manifest().has(i);
                    bytes += all ? records.manifest().size(i) : 0;
                }
                if (all) {
                    DatasetManifest manifest = records.manifest();
                    StorageFileSystem.knowSizes(root, location -> sizeOf(location, plan, config, manifest));
                    return bytes;
                }
            }
        }
        return check(root, plan.layout(), split);
    }

    /** The size the manifest recorded for the data file at {@code location}, if it is one of the dataset's. */
    private static OptionalLong sizeOf(String location, DatasetPlan plan, WorkloadConfig config,
                                       DatasetManifest manifest) {
        for (Split split : Split.values()) {
            int slash = location.lastIndexOf('/');
            long index = plan.layout().indexOf(location.substring(slash + 1), split);
            if (index >= 0 && plan.layout().relativePath(split, (int) index).equals(location)) {
                long global = split == Split.TRAIN ? index : config.dataset().numFilesTrain() + index;
                return manifest.has(global) ? OptionalLong.of(manifest.size(global)) : OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /**
     * @return bytes of the split's files
     * @throws DataFileException naming the folder, how many files are missing and the first of them,
     *                           and the first entry found there that is not one of the split's files
     */
    public static long check(Path root, DatasetLayout layout, Split split) throws IOException {
        int n = layout.fileCount(split);
        if (n == 0) {
            return 0;
        }
        Listing listing = new Listing(layout, split, n);
        for (String folder : layout.folders(split)) {
            try {
                listing.scan(root, folder);
            } catch (NoSuchFileException e) {
                throw new DataFileException(root.resolve(folder), "folder not found; generate the dataset first "
                        + "(workflow.generate_data: True, or dlio-parquet datagen)");
            }
        }
        int present = listing.found.cardinality();
        if (present < n) {
            int first = listing.found.nextClearBit(0);
            throw new DataFileException(root.resolve(split.folder()), (n - present) + " of " + n
                    + " expected files are missing (first: " + layout.relativePath(split, first) + ")"
                    + listing.unexpectedNote() + "; generate the dataset first (workflow.generate_data: True, "
                    + "or dlio-parquet datagen)");
        }
        return listing.bytes;
    }

    /** What the split's folders hold: which of its files, their bytes, and anything else. */
    private static final class Listing {
        private final DatasetLayout layout;
        private final Split split;
        private final BitSet found;
        private long bytes;
        private long unexpected;
        private String firstUnexpected;

        Listing(DatasetLayout layout, Split split, int files) {
            this.layout = layout;
            this.split = split;
            this.found = new BitSet(files);
        }

        void scan(Path root, String folder) throws IOException {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.resolve(folder))) {
                for (Path p : entries) {
                    String name = p.getFileName().toString();
                    long i = layout.indexIn(folder, name, split);
                    if (i >= 0) {
                        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                        if (!a.isRegularFile()) {
                            // reading it would fail with the system's bare "Is a directory"
                            throw new DataFileException(p, "is " + (a.isDirectory() ? "a directory" : "not a regular "
                                    + "file") + ", where the dataset has a data file");
                        }
                        found.set((int) i);
                        bytes += a.size();
                    } else if (!name.startsWith(".")) { // hidden: a generation's temporaries
                        if (firstUnexpected == null) {
                            firstUnexpected = folder + "/" + name;
                        }
                        unexpected++;
                    }
                }
            }
        }

        /** Misnamed or misplaced files often explain missing ones. */
        String unexpectedNote() {
            return unexpected == 0 ? "" : "; " + unexpected + " other entries are there, not named or placed as "
                    + "this dataset's files (first: " + firstUnexpected + ")";
        }
    }
}
