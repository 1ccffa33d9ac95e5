package org.dlioparquet.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.config.ColumnSpec;
import org.dlioparquet.core.config.WorkloadConfig;

/**
 * The bundled {@code dlrm_small} workload (120 mixed scalar columns, a fifth read) scaled to the
 * run's size: samples/s, the bytes column projection actually reads per second, and which
 * fraction of the files' bytes that is.
 */
final class DlrmBench {
    static final String WORKLOAD = "dlrm_small";
    static final String NAME = "read dlrm_small (Parquet, column projection)";
    /** The workload's own file size in rows; smaller only when the whole run is smaller. */
    static final int ROWS_PER_FILE = 16384;

    static final List<String> HEADER = BenchContext.header("case", "columns (read)", "dataset", "samples/s",
            "storage MiB/s", "fraction of file bytes read", "FileChannel MiB/s (whole files)", "ratio");

    private final BenchContext context;

    DlrmBench(BenchContext context) {
        this.context = context;
    }

    SectionResult run() throws IOException {
        WorkloadConfig base = BenchWorkloads.load(WORKLOAD, List.of());
        List<ColumnSpec> columns = base.dataset().parquet().columns();
        long rowBytes = columns.stream().mapToLong(ColumnSpec::bytesPerRow).sum();
        long readColumns = columns.stream().filter(ColumnSpec::read).count();
        int batch = base.reader().batchSize();
        int threads = base.reader().readThreads();
        long rows = Math.max(batch, context.sizeBytes() / rowBytes);
        int rowsPerFile = (int) Math.min(ROWS_PER_FILE, rows);
        int files = (int) Math.max(1, rows / rowsPerFile);

        Path data = context.folder("dlrm");
        List<String> dataset = new Overrides().path("dataset.data_folder", data).put("dataset.num_files_train", files)
                .put("dataset.num_samples_per_file", rowsPerFile).list();
        MarkdownTable table = new MarkdownTable(HEADER);
        CaseOutcome o;
        try {
            List<Path> fileList = context.prepare(WORKLOAD, dataset, data);
            long fileBytes = FileTrees.size(fileList);
            List<String> run = new Overrides(dataset).trainOneEpoch(context.folder("output").resolve("dlrm")).list();
            o = context.runner().run(CaseSpec.epoch(NAME, WORKLOAD, run), context.options().reps(),
                    warm -> new FileChannelReads(fileList, threads), context.beforeRead(), List.of());
            if (o.ok()) {
                List<String> cells = new ArrayList<>(List.of(NAME, columns.size() + " (" + readColumns + ")",
                        GenerationBench.files(files) + " x " + rowsPerFile + " rows, "
                                + MarkdownTable.mib(fileBytes) + " MiB",
                        MarkdownTable.number(o.median(RepMeasure.SAMPLESPS)),
                        MarkdownTable.number(o.median(RepMeasure.MIBPS)),
                        MarkdownTable.number(o.median(RepMeasure.BYTES) / fileBytes),
                        MarkdownTable.number(o.baselineMedian(RepMeasure.MIBPS)),
                        MarkdownTable.number(o.ratio(RepMeasure.MIBPS))));
                cells.addAll(BenchContext.memoryCells(o));
                table.row(cells);
            } else {
                table.row(BenchContext.failedRow(NAME, HEADER.size(), o.failure()));
            }
        } finally {
            FileTrees.delete(data);
        }
        return new SectionResult("DLRM-like Parquet", List.of(
                "The bundled `" + WORKLOAD + "` workload (" + rowBytes + " bytes per row; batch " + batch + ", "
                        + threads + " reader threads, " + "row groups of "
                        + base.dataset().parquet().rowGroupSize() + " rows) scaled to the run's size, one epoch with "
                        + "`computation_time: 0`. storage MiB/s = bytes the reader fetched (only the columns "
                        + "marked `read`, plus footers) per second of the epoch.",
                "FileChannel: the whole files read by as many threads, the ceiling for reading everything; "
                        + "a ratio above 1 is what projection buys."), table, List.of(o));
    }
}
