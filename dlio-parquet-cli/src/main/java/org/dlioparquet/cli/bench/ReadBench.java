package org.dlioparquet.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One full training epoch ({@code computation_time: 0}, warm page cache) through {@code Dlio.run}
 * for 1 MiB and 128 KiB samples, 1 and 2 reader threads, Parquet (uncompressed) and NPZ, against
 * {@code FileChannel} reads of the same files by as many threads.
 */
final class ReadBench {
    static final List<Long> SAMPLE_BYTES = List.of(1L << 20, 128L << 10);
    /**
     * What is read: each format as 16 files of many samples, and NPZ as DLIO lays out unet3d, one
     * sample per file.
     */
    record Layout(String label, String format, int maxFiles) {
    }

    static final List<Layout> LAYOUTS = List.of(new Layout("parquet", "parquet", 16), new Layout("npz", "npz", 16),
            new Layout("npz 1 sample/file", "npz", Integer.MAX_VALUE), new Layout("tfrecord", "tfrecord", 16),
            new Layout("hdf5", "hdf5", 16), new Layout("indexed_binary", "indexed_binary", 16));
    static final List<Integer> THREADS = List.of(1, 2);
    static final long ROW_GROUP_BYTES = 32L << 20;
    static final long BATCH_BYTES = 8L << 20;

    static final List<String> HEADER = BenchContext.header("case", "dataset", "batch", "storage MiB/s",
            "bytes read / file bytes", "epoch MiB/s", "samples/s", "FileChannel MiB/s", "ratio (storage)",
            "ratio (epoch)");

    private final BenchContext context;

    ReadBench(BenchContext context) {
        this.context = context;
    }

    static List<String> caseNames() {
        List<String> names = new ArrayList<>();
        for (long sample : SAMPLE_BYTES) {
            for (Layout layout : LAYOUTS) {
                for (int threads : THREADS) {
                    names.add(name(layout.label(), sample, threads));
                }
            }
        }
        return names;
    }

    static String name(String format, long sampleBytes, int threads) {
        String size = sampleBytes >= 1 << 20 ? (sampleBytes >> 20) + " MiB" : (sampleBytes >> 10) + " KiB";
        return "read " + format + " " + size + ", " + threads + (threads == 1 ? " thread" : " threads");
    }

    SectionResult run() throws IOException {
        MarkdownTable table = new MarkdownTable(HEADER);
        List<CaseOutcome> outcomes = new ArrayList<>();
        for (long sample : SAMPLE_BYTES) {
            for (Layout layout : LAYOUTS) {
                measureDataset(layout, sample, table, outcomes);
            }
        }
        return new SectionResult("Reading an epoch", List.of(
                "`Dlio.run` of one training epoch, `computation_time: 0`, no shuffling, page cache warm"
                        + (context.options().dropCaches() ? " (here: dropped before every repetition)" : "")
                        + "; Parquet uncompressed with " + (ROW_GROUP_BYTES >> 20) + " MiB row groups, NPZ stored, "
                        + "TFRecord, HDF5 and indexed binary as 16 files of many samples, and NPZ also as DLIO's unet3d "
                        + "lays it out, one sample per file. "
                        + "storage MiB/s = the bytes the readers counted as read / the epoch's wall time "
                        + "(`PhaseSummary.storageBytes / seconds`); samples/s is DLIO's figure (first step excluded). "
                        + "Bytes read / file bytes above 1 means data read more than once; epoch MiB/s = the "
                        + "files' bytes / the epoch's wall time, how fast the epoch went through the dataset.",
                "FileChannel: the same files read whole, once, into a 1 MiB direct buffer by as many threads as "
                        + "`read_threads`. ratio (storage) = storage MiB/s / FileChannel, ratio (epoch) = epoch MiB/s "
                        + "/ FileChannel."), table, outcomes);
    }

    private void measureDataset(Layout layout, long sample, MarkdownTable table, List<CaseOutcome> outcomes)
            throws IOException {
        String format = layout.format();
        DatasetShape shape = DatasetShape.of(context.sizeBytes(), sample, layout.maxFiles());
        int batch = shape.batchSize(sample, BATCH_BYTES);
        Path data = context.folder("read").resolve(layout.label().replaceAll("[^a-z0-9]+", "-") + "-" + (sample >> 10)
                + "k");
        Overrides dataset = new Overrides().put("dataset.format", format).path("dataset.data_folder", data)
                .put("dataset.num_files_train", shape.files())
                .put("dataset.num_samples_per_file", shape.samplesPerFile())
                .put("dataset.record_length_bytes", sample);
        if (format.equals("parquet")) {
            dataset.put("dataset.compression", "none")
                    .put("dataset.parquet.row_group_size", Math.max(1, ROW_GROUP_BYTES / sample));
        }
        try {
            List<Path> files = context.prepare(null, dataset.list(), data);
            for (int threads : THREADS) {
                String name = name(layout.label(), sample, threads);
                List<String> run = new Overrides(dataset.list()).put("reader.read_threads", threads)
                        .put("reader.batch_size", batch).trainOneEpoch(context.folder("output").resolve(name
                                .replaceAll("[^A-Za-z0-9]+", "-"))).list();
                CaseOutcome o = context.runner().run(CaseSpec.epoch(name, null, run), context.options().reps(),
                        warm -> new FileChannelReads(files, threads), context.beforeRead(), List.of());
                outcomes.add(o);
                table.row(row(o, shape, batch, FileTrees.size(files)));
            }
        } finally {
            FileTrees.delete(data);
        }
    }

    private static List<String> row(CaseOutcome o, DatasetShape shape, int batch, long fileBytes) {
        if (!o.ok()) {
            return BenchContext.failedRow(o.name(), HEADER.size(), o.failure());
        }
        double epochMiBps = o.median(r -> fileBytes / 1048576.0 / r.get(RepMeasure.SECONDS));
        double plain = o.baselineMedian(RepMeasure.MIBPS);
        List<String> cells = new ArrayList<>(List.of(o.name(),
                GenerationBench.files(shape.files()) + " x " + shape.samplesPerFile() + ", "
                        + MarkdownTable.mib(fileBytes) + " MiB",
                Integer.toString(batch), MarkdownTable.number(o.median(RepMeasure.MIBPS)),
                MarkdownTable.number(o.median(RepMeasure.BYTES) / fileBytes), MarkdownTable.number(epochMiBps),
                MarkdownTable.number(o.median(RepMeasure.SAMPLESPS)), MarkdownTable.number(plain),
                MarkdownTable.number(o.ratio(RepMeasure.MIBPS)),
                MarkdownTable.number(SampleStats.ratio(epochMiBps, plain))));
        cells.addAll(BenchContext.memoryCells(o));
        return cells;
    }
}
