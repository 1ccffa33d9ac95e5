package org.dlioparquet.core.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.datagen.DatasetLayout;

/**
 * Confirms a split's files are on disk before a run reads them, with one directory listing (no
 * per-file objects: a bit per expected file), and sums their sizes.
 */
final class DatasetCheck {
    private DatasetCheck() {
    }

    /**
     * @return bytes of the split's files
     * @throws DataFileException naming the folder, how many files are missing and the first of them
     */
    static long check(Path root, DatasetLayout layout, Split split, String prefix) throws IOException {
        int n = layout.fileCount(split);
        if (n == 0) {
            return 0;
        }
        Pattern name = Pattern.compile(Pattern.quote(prefix) + "_(\\d+)_of_" + n + "\\." + Pattern.quote(layout.extension()));
        BitSet found = new BitSet(n);
        long bytes = 0;
        Path dir = root.resolve(split.folder());
        String[] subs = layout.subfolderNames(split);
        try {
            if (subs.length == 0) {
                bytes += scan(dir, name, found, n);
            } else {
                for (String sub : subs) {
                    bytes += scan(dir.resolve(sub), name, found, n);
                }
            }
        } catch (NoSuchFileException e) {
            throw new DataFileException(Path.of(e.getFile()), "folder not found; generate the dataset first "
                    + "(workflow.generate_data: True, or dlio-parquet datagen)");
        }
        int present = found.cardinality();
        if (present < n) {
            int first = found.nextClearBit(0);
            throw new DataFileException(dir, (n - present) + " of " + n + " expected files are missing (first: "
                    + layout.relativePath(split, first) + "); generate the dataset first (workflow.generate_data: "
                    + "True, or dlio-parquet datagen)");
        }
        return bytes;
    }

    private static long scan(Path dir, Pattern name, BitSet found, int n) throws IOException {
        long bytes = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                Matcher m = name.matcher(p.getFileName().toString());
                if (m.matches()) {
                    int i = Integer.parseInt(m.group(1));
                    if (i < n) {
                        found.set(i);
                        bytes += Files.size(p);
                    }
                }
            }
        }
        return bytes;
    }
}
