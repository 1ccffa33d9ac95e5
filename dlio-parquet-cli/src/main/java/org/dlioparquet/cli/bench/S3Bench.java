package org.dlioparquet.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.dataset.DatasetPlan;
import org.dlioparquet.core.dataset.WorkloadDataset;

/**
 * Generation and an epoch read of NPZ (one 1 MiB sample per object, as DLIO lays out unet3d) and
 * Parquet on an S3 server given with {@code --s3-endpoint}, against a plain SDK loop of PUTs or
 * GETs of the same objects at the same concurrency in the same run; and the requests the epoch
 * made. Everything is written below a fresh prefix of the bucket and deleted at the end.
 */
final class S3Bench {
    static final long SAMPLE_BYTES = 1 << 20;
    static final int READ_THREADS = 2;

    /** A dataset: a format as one sample per object, or as up to 16 objects of many samples. */
    record Target(String format, boolean filePerSample) {
        String label() {
            return format + (filePerSample ? " 1 sample/object" : " 16 objects");
        }
    }

    static final List<Target> TARGETS = List.of(new Target("npz", true), new Target("parquet", false));

    static final List<String> HEADER = BenchContext.header("case", "threads", "dataset", "MiB/s", "SDK loop MiB/s",
            "ratio", "requests");

    private final BenchContext context;
    private final URI endpoint;
    private final String bucket;

    S3Bench(BenchContext context, URI endpoint, String bucket) {
        this.context = context;
        this.endpoint = endpoint;
        this.bucket = bucket;
    }

    static List<String> caseNames() {
        List<String> names = new ArrayList<>();
        for (Target t : TARGETS) {
            names.add(generateName(t));
            names.add(readName(t));
        }
        return names;
    }

    static String generateName(Target t) {
        return "s3 generate " + t.label();
    }

    static String readName(Target t) {
        return "s3 read " + t.label() + ", " + READ_THREADS + " threads";
    }

    SectionResult run() throws IOException {
        MarkdownTable table = new MarkdownTable(HEADER);
        List<CaseOutcome> outcomes = new ArrayList<>();
        String prefix = "dlio-bench-" + Long.toString(System.currentTimeMillis(), 36);
        try (S3Objects s3 = new S3Objects(endpoint, bucket)) {
            s3.ensureBucket();
            try {
                for (Target t : TARGETS) {
                    measure(s3, prefix + "/" + t.label().replaceAll("[^a-z0-9]+", "-"), t, table, outcomes);
                }
            } finally {
                s3.deleteBelow(prefix + "/");
            }
        }
        return new SectionResult("S3", List.of(
                "Against the S3 server at " + endpoint + " (bucket `" + bucket + "`, credentials from the SDK's "
                        + "default chain). Generation: `Dlio.generate` with the default writers, timed to the last "
                        + "upload; the SDK loop PUTs objects of the same sizes with as many threads. Read: one "
                        + "training epoch with " + READ_THREADS + " reader threads over the objects just generated; "
                        + "the SDK loop GETs the same objects whole with " + READ_THREADS + " threads. requests: "
                        + "HEADs and GETs of the epoch (summary.json's `dlio_parquet.storage.requests`, the "
                        + "manifest's included)."), table, outcomes);
    }

    private void measure(S3Objects s3, String prefix, Target t, MarkdownTable table, List<CaseOutcome> outcomes)
            throws IOException {
        DatasetShape shape = DatasetShape.of(context.sizeBytes(), SAMPLE_BYTES,
                t.filePerSample() ? Integer.MAX_VALUE : 16);
        Overrides dataset = new Overrides().put("dataset.format", t.format())
                .put("dataset.data_folder", "s3://" + bucket + "/" + prefix)
                .put("storage.storage_options.endpoint_url", endpoint)
                .put("storage.storage_options.s3_force_path_style", "True")
                .put("dataset.num_files_train", shape.files()).put("dataset.num_samples_per_file", shape.samplesPerFile())
                .put("dataset.record_length_bytes", SAMPLE_BYTES);
        if (t.format().equals("parquet")) {
            dataset.put("dataset.compression", "none").put("dataset.parquet.row_group_size", 32);
        }
        String objects = GenerationBench.files(shape.files()).replace("file", "object");

        CaseSpec generate = CaseSpec.generate(generateName(t), null, dataset.list(), 0);
        CaseOutcome g = context.runner().run(generate, context.options().reps(),
                warm -> s3.puts(prefix + "-sdk", sizes(s3, prefix, BenchWorkloads.load(generate)),
                        (int) warm.get(RepMeasure.THREADS)), () -> { }, List.of());
        outcomes.add(g);
        table.row(row(g, g.ok() ? String.valueOf((int) g.warmUp().get(RepMeasure.THREADS)) : "", objects, false));

        WorkloadConfig config = BenchWorkloads.load(null, dataset.list());
        Dlio.generate(config);
        List<String> keys = keys(prefix, config);
        Overrides read = new Overrides(dataset.list()).put("reader.read_threads", READ_THREADS)
                .put("reader.batch_size", shape.batchSize(SAMPLE_BYTES, 8 * SAMPLE_BYTES));
        read.trainOneEpoch(context.folder("output").resolve(readName(t).replaceAll("[^A-Za-z0-9]+", "-")));
        CaseOutcome r = context.runner().run(CaseSpec.epoch(readName(t), null, read.list()), context.options().reps(),
                warm -> s3.gets(keys, READ_THREADS), () -> { }, List.of());
        outcomes.add(r);
        table.row(row(r, String.valueOf(READ_THREADS), objects, true));
    }

    /** The sizes of the objects the generation wrote, by the plan's names: no listing. */
    private static long[] sizes(S3Objects s3, String prefix, WorkloadConfig config) {
        List<String> keys = keys(prefix, config);
        long[] sizes = new long[keys.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = s3.size(keys.get(i));
        }
        return sizes;
    }

    private static List<String> keys(String prefix, WorkloadConfig config) {
        DatasetPlan plan = WorkloadDataset.of(config).plan();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < config.dataset().numFilesTrain(); i++) {
            keys.add(prefix + "/" + plan.spec(i).relativePath());
        }
        return keys;
    }

    private static List<String> row(CaseOutcome o, String threads, String objects, boolean read) {
        if (!o.ok()) {
            return BenchContext.failedRow(o.name(), HEADER.size(), o.failure());
        }
        String mib = MarkdownTable.mib(o.warmUp().get(RepMeasure.BYTES));
        List<String> cells = new ArrayList<>(List.of(o.name(), threads, objects + ", " + mib + " MiB",
                MarkdownTable.number(o.median(RepMeasure.MIBPS)), MarkdownTable.number(o.baselineMedian(RepMeasure.MIBPS)),
                MarkdownTable.number(o.ratio(RepMeasure.MIBPS)),
                read ? String.format(Locale.ROOT, "%.0f", o.median(EpochWork.REQUESTS)) : ""));
        cells.addAll(BenchContext.memoryCells(o));
        return cells;
    }
}
