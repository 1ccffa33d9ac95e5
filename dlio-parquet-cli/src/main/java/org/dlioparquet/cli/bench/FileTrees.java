package org.dlioparquet.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.dataset.DatasetPlan;

/** Deleting and listing the benchmark's own folders and datasets. */
final class FileTrees {
    private FileTrees() {
    }

    /** Deletes {@code root} and everything below it; nothing when it does not exist. */
    static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The regular files below {@code root}, in name order. */
    static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /**
     * The data files of a workload's dataset as its plan lays them out (training, then
     * evaluation), without the generator's bookkeeping beside them (manifest, journal, lock),
     * which no reader reads.
     */
    static List<Path> dataFiles(WorkloadConfig config) {
        DatasetConfig ds = config.dataset();
        DatasetPlan plan = new DatasetPlan(ds, config.registry().provider(ds.format()).fileExtension(ds));
        Path root = config.dataFolderPath();
        List<Path> files = new ArrayList<>();
        for (long i = 0; i < plan.totalFiles(); i++) {
            files.add(root.resolve(plan.spec(i).relativePath()));
        }
        return files;
    }

    static long size(List<Path> files) throws IOException {
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        return total;
    }
}
