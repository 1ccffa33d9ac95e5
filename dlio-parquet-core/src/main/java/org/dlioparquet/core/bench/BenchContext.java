package org.dlioparquet.core.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dlioparquet.core.Dlio;

/** What every section needs: the options, the run's folder, the case runner, progress lines. */
final class BenchContext {
    private final BenchOptions options;
    private final Path root;
    private final CaseRunner runner;
    private final Consumer<String> progress;

    BenchContext(BenchOptions options, Path root, CaseRunner runner, Consumer<String> progress) {
        this.options = options;
        this.root = root;
        this.runner = runner;
        this.progress = progress;
    }

    BenchOptions options() {
        return options;
    }

    Path folder(String name) {
        return root.resolve(name);
    }

    CaseRunner runner() {
        return runner;
    }

    void progress(String line) {
        progress.accept(line);
    }

    long sizeBytes() {
        return options.sizeMiB() * 1048576L;
    }

    /** Writes a dataset for read cases in this JVM (not measured); returns its files. */
    List<Path> prepare(String workload, List<String> overrides, Path folder) throws IOException {
        progress("bench: preparing " + folder.getFileName());
        FileTrees.delete(folder);
        Dlio.generate(BenchWorkloads.load(workload, overrides));
        return FileTrees.files(folder);
    }

    /** What runs before each read repetition: dropping the page cache when asked, else nothing. */
    CaseRunner.BeforeRep beforeRead() {
        return options.dropCaches() ? PageCache::drop : () -> { };
    }

    /** The peak heap and RSS cells of a case, MiB. */
    static List<String> memoryCells(CaseOutcome o) {
        return List.of(MarkdownTable.mib(o.memory().peakHeapBytes()), MarkdownTable.mib(o.memory().peakRssBytes()));
    }

    /** A row for a failed case: its name, the reason, and dashes. */
    static List<String> failedRow(String name, int columns, String failure) {
        List<String> cells = new ArrayList<>();
        cells.add(name);
        cells.add("failed: " + failure);
        while (cells.size() < columns) {
            cells.add("-");
        }
        return cells;
    }
}
