package org.dlioparquet.cli.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One full training epoch ({@code computation_time: 0}) through {@code Dlio.run}, 1 and 2 reader
 * threads. {@link Variant#WARM}: 1 MiB and 128 KiB samples of every format, page cache warm (unless
 * {@code --drop-caches}), against {@code FileChannel} reads of the same files by as many threads.
 * {@link Variant#DIRECT}: 1 MiB samples of Parquet and of NPZ one sample per file read with
 * {@code reader.odirect} in 1 MiB transfers, against {@code fio} reading the same files with
 * O_DIRECT at the same block size and one read in flight per thread: what the storage gives.
 */
final class ReadBench {
    /** Which comparison the section makes. */
    enum Variant { WARM, DIRECT, TRACE }

    /** O_DIRECT reads: the transfer size and fio's block size. */
    static final int DIRECT_BLOCK = 1 << 20;
    static final List<Long> SAMPLE_BYTES = List.of(1L << 20, 128L << 10);
    /**
     * What is read: each format as 16 files of many samples, and NPZ as DLIO lays out unet3d, one
     * sample per file; {@code reader} adds reader settings to the epoch (not to the dataset).
     */
    record Layout(String label, String format, int maxFiles, List<String> reader) {
        Layout(String label, String format, int maxFiles) {
            this(label, format, maxFiles, List.of());
        }
    }

    static final List<Layout> LAYOUTS = List.of(new Layout("parquet", "parquet", 16), new Layout("npz", "npz", 16),
            new Layout("npz 1 sample/file", "npz", Integer.MAX_VALUE), new Layout("tfrecord", "tfrecord", 16),
            new Layout("tfrecord as DALI (no payload CRC)", "tfrecord", 16, List.of("reader.skip_payload_crc=True")),
            new Layout("hdf5", "hdf5", 16), new Layout("indexed_binary", "indexed_binary", 16));
    static final List<Layout> DIRECT_LAYOUTS = List.of(LAYOUTS.get(0), LAYOUTS.get(2));
    static final List<Integer> THREADS = List.of(1, 2);
    /**
     * Many small files, as MLPerf datasets are: NPZ of one 64 KiB sample each, 100,000 files at the
     * default {@code --size-mib} of 1024, and in that proportion for other sizes.
     */
    static final Layout SMALL_FILES = new Layout("npz 1 sample/file", "npz", Integer.MAX_VALUE);
    static final long SMALL_FILE_BYTES = 64L << 10;
    static final long SMALL_FILES_PER_GIB = 100_000;
    static final long ROW_GROUP_BYTES = 32L << 20;
    static final long BATCH_BYTES = 8L << 20;

    static final List<String> HEADER = BenchContext.header("case", "dataset", "batch", "storage MiB/s",
            "bytes read / file bytes", "epoch MiB/s", "samples/s", "FileChannel MiB/s", "ratio (storage)",
            "ratio (epoch)");

    static final List<String> DIRECT_HEADER = BenchContext.header("case", "dataset", "batch", "storage MiB/s",
            "bytes read / file bytes", "epoch MiB/s", "samples/s", "fio MiB/s", "ratio (storage)", "ratio (epoch)",
            "requests / file", "fio requests / file", "fetched / file bytes");

    private final BenchContext context;
    private final Variant variant;

    ReadBench(BenchContext context, Variant variant) {
        this.context = context;
        this.variant = variant;
    }

    private List<Layout> layouts() {
        return switch (variant) {
            case WARM -> LAYOUTS;
            case DIRECT -> DIRECT_LAYOUTS;
            case TRACE -> List.of(LAYOUTS.get(0));
        };
    }

    private List<Long> sampleBytes() {
        return switch (variant) {
            case WARM -> SAMPLE_BYTES;
            case DIRECT -> List.of((long) DIRECT_BLOCK);
            // small samples: the most trace events per byte
            case TRACE -> List.of(SAMPLE_BYTES.get(1));
        };
    }

    /**
     * Reader thread counts, or for {@link Variant#TRACE} one thread run untraced then traced, or for
     * {@link Variant#DIRECT} also each count with read-ahead (as {@code 100 + threads}).
     */
    private List<Integer> threadCases() {
        return switch (variant) {
            case TRACE -> List.of(1, -1);
            case DIRECT -> List.of(1, 2, 101, 102);
            case WARM -> THREADS;
        };
    }

    private List<String> header() {
        return variant == Variant.DIRECT ? DIRECT_HEADER : HEADER;
    }

    /** Reads in flight per reader thread with {@code reader.odirect_read_ahead}, and fio's matching iodepth. */
    static final int READ_AHEAD_DEPTH = 2;

    static String name(String format, long sampleBytes, int threads) {
        String size = sampleBytes >= 1 << 20 ? (sampleBytes >> 20) + " MiB" : (sampleBytes >> 10) + " KiB";
        return "read " + format + " " + size + ", " + threads + (threads == 1 ? " thread" : " threads");
    }

    private String caseName(Layout layout, long sample, int threads) {
        if (variant == Variant.TRACE) {
            return name(layout.label(), sample, 1) + (threads < 0 ? ", traced (trace_level sample)" : ", not traced");
        }
        if (threads > 100) {
            return name(layout.label() + " O_DIRECT read-ahead", sample, threads - 100);
        }
        return name(layout.label() + (variant == Variant.DIRECT ? " O_DIRECT" : ""), sample, threads);
    }

    SectionResult run() throws IOException {
        MarkdownTable table = new MarkdownTable(header());
        List<CaseOutcome> outcomes = new ArrayList<>();
        if (variant == Variant.DIRECT && FioReads.missing() != null) {
            for (Layout layout : layouts()) {
                for (int threads : threadCases()) {
                    CaseOutcome o = CaseOutcome.failed(caseName(layout, DIRECT_BLOCK, threads), FioReads.missing(),
                            ChildMemory.UNKNOWN);
                    outcomes.add(o);
                    table.row(BenchContext.failedRow(o.name(), header().size(), o.failure()));
                }
            }
            return directSection(table, outcomes);
        }
        for (long sample : sampleBytes()) {
            for (Layout layout : layouts()) {
                measureDataset(layout, sample, context.sizeBytes(), table, outcomes);
            }
        }
        if (variant == Variant.WARM) {
            measureDataset(SMALL_FILES, SMALL_FILE_BYTES, smallFiles() * SMALL_FILE_BYTES, table, outcomes);
        }
        if (variant == Variant.DIRECT) {
            return directSection(table, outcomes);
        }
        if (variant == Variant.TRACE) {
            return new SectionResult("Tracing", List.of("The same epoch (Parquet, 128 KiB samples, one reader thread) "
                    + "without and with `workflow.profiling: True` (DFTracer trace at `trace_level: sample`: events per "
                    + "step, per run of samples and per file call), each against FileChannel reads of the same files; "
                    + "what tracing costs is the difference between the two rows' ratios."), table, outcomes);
        }
        return new SectionResult("Reading an epoch", List.of(
                "`Dlio.run` of one training epoch, `computation_time: 0`, no shuffling, page cache warm"
                        + (context.options().dropCaches() ? " (here: dropped before every repetition)" : "")
                        + "; Parquet uncompressed with " + (ROW_GROUP_BYTES >> 20) + " MiB row groups, NPZ stored, "
                        + "TFRecord, HDF5 and indexed binary as 16 files of many samples, and NPZ also as DLIO's unet3d "
                        + "lays it out, one sample per file. TFRecord checks every record's CRCs as TensorFlow does; "
                        + "\"as DALI\" reads the same files with `reader.skip_payload_crc: True`, as DALI's reader, "
                        + "which checks no CRC. "
                        + "storage MiB/s = the bytes the readers counted as read / the epoch's wall time "
                        + "(`PhaseSummary.storageBytes / seconds`); samples/s is DLIO's figure (first step excluded). "
                        + "Bytes read / file bytes above 1 means data read more than once; epoch MiB/s = the "
                        + "files' bytes / the epoch's wall time, how fast the epoch went through the dataset.",
                "FileChannel: the same files read whole, once, into a 1 MiB direct buffer by as many threads as "
                        + "`read_threads`. ratio (storage) = storage MiB/s / FileChannel, ratio (epoch) = epoch MiB/s "
                        + "/ FileChannel.",
                "Small files: " + smallFiles() + " NPZ files of one 64 KiB sample (100,000 at the default "
                        + "`--size-mib 1024`, in proportion otherwise), against FileChannel opening, reading and "
                        + "closing each of them."), table, outcomes);
    }

    /** Files of the small-files case: 100,000 per GiB of {@code --size-mib}. */
    private long smallFiles() {
        return Math.max(1, context.sizeBytes() * SMALL_FILES_PER_GIB / (1L << 30));
    }

    private SectionResult directSection(MarkdownTable table, List<CaseOutcome> outcomes) {
        return new SectionResult("Reading an epoch with O_DIRECT, against fio", List.of(
                "The same epoch with `reader.odirect: True` and `reader.transfer_size: 1048576`, 1 MiB samples: "
                        + "Parquet (uncompressed, " + (ROW_GROUP_BYTES >> 20) + " MiB row groups) as 16 files, and NPZ "
                        + "as DLIO's unet3d lays it out, one sample per file. The page cache plays no part"
                        + (context.options().dropCaches() ? " (and is dropped before every repetition)" : "") + ".",
                "fio: `fio --rw=read --bs=1M --direct=1 --ioengine=psync --iodepth=1 --file_service_type=sequential`, "
                        + "one job per reader thread over the same files (job t reads files t, t+T, ...), all jobs' "
                        + "bytes over the slowest job's time. ratio = ours / fio.",
                "read-ahead: the same epoch with `reader.odirect_read_ahead: True` (the next 1 MiB ranges of a file, "
                        + "and the start and end of the thread's next file, are read while the last is decoded: "
                        + READ_AHEAD_DEPTH + " reads in flight per reader thread), against fio with "
                        + "`--ioengine=libaio --iodepth=" + READ_AHEAD_DEPTH + "`.",
                "requests / file: the device reads the epoch made (summary.json's `dlio_parquet.storage.requests`) and "
                        + "fio's (`total_ios`), per file; fio reads whole 1 MiB blocks only, so it leaves out a file's "
                        + "last partial block (an NPZ of one 1 MiB sample is 498 bytes longer), which the epoch must "
                        + "read. fetched / file bytes: the bytes those reads fetched (`bytes_fetched`), over the "
                        + "files' bytes."),
                table, outcomes);
    }

    private void measureDataset(Layout layout, long sample, long totalBytes, MarkdownTable table,
                                List<CaseOutcome> outcomes) throws IOException {
        String format = layout.format();
        DatasetShape shape = DatasetShape.of(totalBytes, sample, layout.maxFiles());
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
            for (int threadCase : threadCases()) {
                String name = caseName(layout, sample, threadCase);
                int threads = Math.abs(threadCase) % 100;
                boolean readAhead = threadCase > 100;
                Overrides run = new Overrides(dataset.list()).put("reader.read_threads", threads)
                        .put("reader.batch_size", batch);
                layout.reader().forEach(setting -> run.put(setting.split("=", 2)[0], setting.split("=", 2)[1]));
                if (variant == Variant.TRACE && threadCase < 0) {
                    run.put("workflow.profiling", "True").put("profiling.trace_level", "sample");
                }
                Baseline.Factory baseline = warm -> new FileChannelReads(files, threads);
                if (variant == Variant.DIRECT) {
                    run.put("reader.odirect", "True").put("reader.transfer_size", DIRECT_BLOCK)
                            .put("reader.odirect_read_ahead", readAhead ? "True" : "False");
                    int depth = readAhead ? READ_AHEAD_DEPTH : 1;
                    baseline = warm -> new FioReads(files, threads, DIRECT_BLOCK, depth, context.folder("output"));
                }
                run.trainOneEpoch(context.folder("output").resolve(name.replaceAll("[^A-Za-z0-9]+", "-")));
                CaseOutcome o = context.runner().run(CaseSpec.epoch(name, null, run.list()), context.options().reps(),
                        baseline, context.beforeRead(), List.of());
                outcomes.add(o);
                table.row(row(o, shape, batch, FileTrees.size(files)));
            }
        } finally {
            FileTrees.delete(data);
        }
    }

    private List<String> row(CaseOutcome o, DatasetShape shape, int batch, long fileBytes) {
        if (!o.ok()) {
            return BenchContext.failedRow(o.name(), header().size(), o.failure());
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
        if (variant == Variant.DIRECT) {
            cells.addAll(List.of(MarkdownTable.number(o.median(EpochWork.REQUESTS) / shape.files()),
                    MarkdownTable.number(o.baselineMedian(EpochWork.REQUESTS) / shape.files()),
                    MarkdownTable.number(o.median(EpochWork.FETCHED) / fileBytes)));
        }
        cells.addAll(BenchContext.memoryCells(o));
        return cells;
    }
}
