package org.dlioparquet.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Dlio.generate} MiB/s per format with 1 MiB samples, one writer thread and the default,
 * against {@code FileChannel} writes of the same number of files of the same sizes.
 */
final class GenerationBench {
    static final long SAMPLE_BYTES = 1 << 20;
    /** 32 rows of 1 MiB: row groups of 32 MiB. */
    static final int ROW_GROUP_ROWS = 32;
    static final int MAX_FILES = 16;
    /** CSV text is 3-4 bytes per byte of payload and slow to format: an eighth of the size. */
    static final int CSV_SHARE = 8;

    /** What is written: a format (and codec) as up to 16 files of many samples, or as one sample per file. */
    record Target(String format, String codec, boolean filePerSample) {
        Target(String format, String codec) {
            this(format, codec, false);
        }

        String label() {
            return (codec == null ? format : format + " " + codec) + (filePerSample ? " 1 sample/file" : "");
        }
    }

    static final List<Target> TARGETS = List.of(new Target("parquet", "none"), new Target("parquet", "snappy"),
            new Target("parquet", "zstd"), new Target("npz", null), new Target("csv", null),
            new Target("tfrecord", null), new Target("hdf5", null), new Target("indexed_binary", null),
            new Target("npz", null, true), new Target("parquet", "none", true));

    static final List<String> HEADER = BenchContext.header("case", "writers", "dataset", "MiB/s",
            "FileChannel MiB/s", "ratio");

    private final BenchContext context;

    GenerationBench(BenchContext context) {
        this.context = context;
    }

    /** The case names, in table order. */
    static List<String> caseNames() {
        List<String> names = new ArrayList<>();
        for (Target t : TARGETS) {
            names.add(name(t, 1));
            names.add(name(t, 0));
        }
        return names;
    }

    static String name(Target t, int threads) {
        return "generate " + t.label() + ", " + (threads == 1 ? "1 writer" : "default writers");
    }

    SectionResult run() throws IOException {
        MarkdownTable table = new MarkdownTable(HEADER);
        List<CaseOutcome> outcomes = new ArrayList<>();
        for (Target t : TARGETS) {
            for (int threads : new int[] {1, 0}) {
                CaseOutcome o = measure(t, threads);
                outcomes.add(o);
                table.row(row(o));
            }
        }
        return new SectionResult("Generation", List.of(
                "`Dlio.generate` of 1 MiB samples (`record_length_bytes: 1048576`, Parquet row groups of "
                        + ROW_GROUP_ROWS + " rows), into the page cache (timed to the last close, no fsync; the "
                        + "old files are deleted and `sync` run before each repetition). MiB/s are bytes on disk "
                        + "per second of the generator's own wall time. CSV writes an eighth of the size. "
                        + "\"1 sample/file\": files of one 1 MiB sample, as DLIO lays out unet3d.",
                "FileChannel: the same number of files of the same sizes, each created under a temporary name, "
                        + "written from a 1 MiB direct buffer, closed and renamed into place, by as many threads "
                        + "as the generator used."), table, outcomes);
    }

    private CaseOutcome measure(Target t, int threads) throws IOException {
        String id = (t.label() + "-t" + threads).replace(' ', '-');
        Path data = context.folder("generate").resolve(id);
        Path plain = context.folder("generate").resolve(id + "-filechannel");
        long total = Math.max(SAMPLE_BYTES, context.sizeBytes() / (t.format().equals("csv") ? CSV_SHARE : 1));
        DatasetShape shape = DatasetShape.of(total, SAMPLE_BYTES, t.filePerSample() ? Integer.MAX_VALUE : MAX_FILES);
        Overrides o = new Overrides().put("dataset.format", t.format()).path("dataset.data_folder", data)
                .put("dataset.num_files_train", shape.files())
                .put("dataset.num_samples_per_file", shape.samplesPerFile())
                .put("dataset.record_length_bytes", SAMPLE_BYTES);
        if (t.format().equals("parquet")) {
            o.put("dataset.compression", t.codec()).put("dataset.parquet.row_group_size", ROW_GROUP_ROWS);
        }
        CaseSpec spec = CaseSpec.generate(name(t, threads), null, o.list(), threads);
        try {
            return context.runner().run(spec, context.options().reps(), warm -> {
                List<Path> files = FileTrees.dataFiles(BenchWorkloads.load(spec));
                long[] sizes = new long[files.size()];
                for (int i = 0; i < sizes.length; i++) {
                    sizes[i] = Files.size(files.get(i));
                }
                return new FileChannelWrites(plain, sizes, (int) warm.get(RepMeasure.THREADS));
            }, () -> { }, List.of());
        } finally {
            FileTrees.delete(data);
            FileTrees.delete(plain);
        }
    }

    static String files(long n) {
        return n + (n == 1 ? " file" : " files");
    }

    private static List<String> row(CaseOutcome o) {
        if (!o.ok()) {
            return BenchContext.failedRow(o.name(), HEADER.size(), o.failure());
        }
        int writers = (int) o.warmUp().get(RepMeasure.THREADS);
        boolean byDefault = o.name().endsWith("default writers");
        List<String> cells = new ArrayList<>(List.of(o.name(), writers + (byDefault ? " (default)" : ""),
                files((long) o.warmUp().get("files")) + ", " + MarkdownTable.mib(o.warmUp().get(RepMeasure.BYTES))
                        + " MiB",
                MarkdownTable.number(o.median(RepMeasure.MIBPS)),
                MarkdownTable.number(o.baselineMedian(RepMeasure.MIBPS)),
                MarkdownTable.number(o.ratio(RepMeasure.MIBPS))));
        cells.addAll(BenchContext.memoryCells(o));
        return cells;
    }
}
