package org.dlioparquet.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A checkpoint of the bench's size saved (with {@code checkpoint.fsync}) and loaded by one and two
 * ranks through the real workflow, against {@code FileChannel} writing the same files with
 * {@code force} and reading them back, by as many threads.
 */
final class CheckpointBench {
    static final List<Integer> RANKS = List.of(1, 2);
    static final List<String> HEADER = BenchContext.header("case", "ranks", "checkpoint", "MiB/s",
            "FileChannel MiB/s", "ratio");

    private final BenchContext context;

    CheckpointBench(BenchContext context) {
        this.context = context;
    }

    static String name(String op, int ranks) {
        return "checkpoint " + op + ", " + ranks + (ranks == 1 ? " rank" : " ranks");
    }

    SectionResult run() throws IOException {
        MarkdownTable table = new MarkdownTable(HEADER);
        List<CaseOutcome> outcomes = new ArrayList<>();
        for (int ranks : RANKS) {
            Path folder = context.folder("checkpoint").resolve("r" + ranks);
            Path plain = context.folder("checkpoint").resolve("r" + ranks + "-filechannel");
            List<String> overrides = overrides(folder, ranks);
            try {
                CaseOutcome save = context.runner().run(CaseSpec.checkpoint(name("save", ranks),
                        CaseSpec.Kind.CHECKPOINT_SAVE, save(overrides), ranks), context.options().reps(),
                        warm -> new FileChannelWrites(plain, sizes(files(folder)), ranks, true), () -> { }, List.of());
                outcomes.add(save);
                table.row(row(save, ranks));
                CaseOutcome load = context.runner().run(CaseSpec.checkpoint(name("load", ranks),
                        CaseSpec.Kind.CHECKPOINT_LOAD, load(overrides), ranks), context.options().reps(),
                        warm -> new FileChannelReads(files(folder), ranks), context.beforeRead(), List.of());
                outcomes.add(load);
                table.row(row(load, ranks));
            } finally {
                FileTrees.delete(folder);
                FileTrees.delete(plain);
            }
        }
        return new SectionResult("Checkpoints", List.of(
                "A checkpoint-only run (`workflow.checkpoint: True, train: False`) of a model whose checkpoint is "
                        + "the bench's size, each rank writing its share as one file (`model.type: cnn`, ZeRO 3), "
                        + "with `checkpoint.fsync: True`; save = one `num_checkpoints_write`, load = one "
                        + "`num_checkpoints_read` of it afterwards (page cache warm unless --drop-caches). MiB/s = "
                        + "all ranks' bytes over the slowest rank's time, MLPerf's definition.",
                "FileChannel: the same files written from a 1 MiB direct buffer and forced (`force(true)`) before "
                        + "close, or read whole, by as many threads as ranks."), table, outcomes);
    }

    private List<String> overrides(Path folder, int ranks) {
        long share = Math.max(1 << 20, context.sizeBytes() / ranks);
        return List.of("workflow.generate_data=False", "workflow.train=False", "workflow.checkpoint=True",
                "model.name=ckbench", "model.type=cnn", "model.model_size_bytes=" + share,
                "model.parallelism.zero_stage=3", "checkpoint.checkpoint_folder=" + folder.resolve("ckpt"),
                "checkpoint.time_between_checkpoints=0", "checkpoint.fsync=True",
                "output.folder=" + folder.resolve("output"));
    }

    private static List<String> save(List<String> overrides) {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(List.of("checkpoint.num_checkpoints_write=1", "checkpoint.num_checkpoints_read=0"));
        return all;
    }

    private static List<String> load(List<String> overrides) {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(List.of("checkpoint.num_checkpoints_write=0", "checkpoint.num_checkpoints_read=1"));
        return all;
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder.resolve("ckpt"))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static long[] sizes(List<Path> files) throws IOException {
        long[] sizes = new long[files.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = Files.size(files.get(i));
        }
        return sizes;
    }

    private static List<String> row(CaseOutcome o, int ranks) {
        if (!o.ok()) {
            return BenchContext.failedRow(o.name(), HEADER.size(), o.failure());
        }
        List<String> cells = new ArrayList<>(List.of(o.name(), Integer.toString(ranks),
                MarkdownTable.mib(o.warmUp().get(RepMeasure.BYTES)) + " MiB",
                MarkdownTable.number(o.median(RepMeasure.MIBPS)), MarkdownTable.number(o.baselineMedian(RepMeasure.MIBPS)),
                MarkdownTable.number(o.ratio(RepMeasure.MIBPS))));
        cells.addAll(BenchContext.memoryCells(o));
        return cells;
    }
}
