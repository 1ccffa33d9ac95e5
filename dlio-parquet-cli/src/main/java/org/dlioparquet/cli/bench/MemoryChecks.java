package org.dlioparquet.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Opt-in checks that memory stays bounded where datasets get large: an epoch over one 2 GiB
 * Parquet file with 64 MiB row groups in a JVM with 512 MiB of heap, and planning and ordering an
 * epoch over 1,000,000 files in a JVM with 200 MiB.
 */
final class MemoryChecks {
    static final String BIG_FILE = "epoch over one 2 GiB Parquet file, 64 MiB row groups";
    static final String MILLION_FILES = "plan and order an epoch over 1,000,000 files";
    static final String BIG_FILE_HEAP = "-Xmx512m";
    static final String MILLION_FILES_HEAP = "-Xmx200m";
    static final int BIG_FILE_SAMPLES = 2048;
    static final int BIG_FILE_ROW_GROUP = 64;
    static final int MILLION = 1_000_000;

    static final List<String> HEADER = BenchContext.header("check", "child JVM", "result", "seconds", "figure");

    private final BenchContext context;

    MemoryChecks(BenchContext context) {
        this.context = context;
    }

    SectionResult run() throws IOException {
        MarkdownTable table = new MarkdownTable(HEADER);
        List<CaseOutcome> outcomes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (context.options().bigFile()) {
            CaseOutcome o = bigFile();
            outcomes.add(o);
            String figure = o.ok() ? MarkdownTable.number(o.median(RepMeasure.MIBPS)) + " MiB/s" : "-";
            table.row(row(o, BIG_FILE_HEAP, figure));
            notes.add("2 GiB file: " + BIG_FILE_SAMPLES + " samples of 1 MiB, row groups of " + BIG_FILE_ROW_GROUP
                    + " rows, uncompressed; 2 reader threads, prefetch 2, batch 8; the runner holds at most "
                    + "`read_threads x prefetch` batches plus a row group per reader.");
        }
        if (context.options().millionFiles()) {
            CaseOutcome o = millionFiles();
            outcomes.add(o);
            table.row(row(o, MILLION_FILES_HEAP, o.ok() ? String.format(Locale.ROOT, "%.0f samples ordered",
                    o.median("samples")) : "-"));
            notes.add("1,000,000 files: `DatasetPlan` and the epoch's shuffled file and sample order "
                    + "(`file_shuffle`/`sample_shuffle: seed`, 1 sample per file, batch 4) set up as the runner does "
                    + "and walked sample by sample with each file's path, through `run.BenchHooks`; no file is "
                    + "created or listed. Target: seconds, under 200 MB.");
        }
        return new SectionResult("Memory checks", notes, table, outcomes);
    }

    private CaseOutcome bigFile() throws IOException {
        Path data = context.folder("bigfile");
        List<String> dataset = new Overrides().put("dataset.format", "parquet").path("dataset.data_folder", data)
                .put("dataset.num_files_train", 1).put("dataset.num_samples_per_file", BIG_FILE_SAMPLES)
                .put("dataset.record_length_bytes", 1 << 20).put("dataset.compression", "none")
                .put("dataset.parquet.row_group_size", BIG_FILE_ROW_GROUP).list();
        try {
            context.prepare(null, dataset, data);
            List<String> run = new Overrides(dataset).put("reader.read_threads", 2).put("reader.prefetch_size", 2)
                    .put("reader.batch_size", 8).trainOneEpoch(context.folder("output").resolve("bigfile")).list();
            return context.runner().run(CaseSpec.epoch(BIG_FILE, null, run).withoutWarmUp(), 1, null,
                    context.beforeRead(), List.of(BIG_FILE_HEAP));
        } finally {
            FileTrees.delete(data);
        }
    }

    private CaseOutcome millionFiles() {
        List<String> plan = new Overrides().put("dataset.format", "parquet")
                .path("dataset.data_folder", context.folder("million")).put("dataset.num_files_train", MILLION)
                .put("dataset.num_samples_per_file", 1).put("reader.batch_size", 4)
                .put("reader.file_shuffle", "seed").put("reader.sample_shuffle", "seed").list();
        return context.runner().run(CaseSpec.plan(MILLION_FILES, plan), 1, null, () -> { },
                List.of(MILLION_FILES_HEAP));
    }

    private static List<String> row(CaseOutcome o, String heap, String figure) {
        List<String> cells = new ArrayList<>(List.of(o.name(), heap, o.ok() ? "ok" : "failed: " + o.failure(),
                o.ok() ? MarkdownTable.number(o.median(RepMeasure.SECONDS)) : "-", figure));
        cells.addAll(BenchContext.memoryCells(o));
        return cells;
    }
}
