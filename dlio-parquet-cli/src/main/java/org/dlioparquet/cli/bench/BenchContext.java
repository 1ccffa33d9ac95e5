package org.dlioparquet.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.config.WorkloadConfig;

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

    /** Writes a dataset for read cases in this JVM (not measured); returns its data files. */
    List<Path> prepare(String workload, List<String> overrides, Path folder) throws IOException {
        progress("bench: preparing " + folder.getFileName());
        FileTrees.delete(folder);
        WorkloadConfig config = BenchWorkloads.load(workload, overrides);
        Dlio.generate(config);
        return FileTrees.dataFiles(config);
    }

    /** What runs before each read repetition: dropping the page cache when asked, else nothing. */
    CaseRunner.BeforeRep beforeRead() {
        return options.dropCaches() ? PageCache::drop : () -> { };
    }

    static final List<String> MEMORY_HEADER = List.of("peak heap MiB", "heap after GC MiB", "peak RSS MiB");

    /** The memory cells of a case, MiB ({@link #MEMORY_HEADER}). */
    static List<String> memoryCells(CaseOutcome o) {
        ChildMemory m = o.memory();
        return List.of(MarkdownTable.mib(m.peakHeapBytes()),
                m.heapAfterGcBytes() < 0 && m.peakHeapBytes() >= 0 ? "no GC" : MarkdownTable.mib(m.heapAfterGcBytes()),
                MarkdownTable.mib(m.peakRssBytes()));
    }

    /** A table header ending with the memory columns. */
    static List<String> header(String... columns) {
        List<String> all = new ArrayList<>(List.of(columns));
        all.addAll(MEMORY_HEADER);
        return List.copyOf(all);
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
