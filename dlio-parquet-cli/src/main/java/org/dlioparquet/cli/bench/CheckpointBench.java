package org.dlioparquet.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dlioparquet.core.checkpoint.Checkpointer;

/**
 * A checkpoint of the bench's size saved (with {@code checkpoint.fsync}) and loaded by one and two
 * ranks through the real workflow, through the page cache and with {@code checkpoint.odirect},
 * against {@code FileChannel} writing the same files with {@code force} and reading them back, by
 * as many threads (with O_DIRECT, at the checkpoint's transfer size).
 */
final class CheckpointBench {
    static final List<Integer> RANKS = List.of(1, 2);
    static final List<String> HEADER = BenchContext.header("case", "ranks", "checkpoint", "MiB/s",
            "FileChannel MiB/s", "ratio");

    private final BenchContext context;

    CheckpointBench(BenchContext context) {
        this.context = context;
    }

    static String name(String op, boolean direct, int ranks) {
        return "checkpoint " + op + (direct ? " O_DIRECT" : "") + ", " + ranks + (ranks == 1 ? " rank" : " ranks");
    }

    SectionResult run() throws IOException {
        MarkdownTable table = new MarkdownTable(HEADER);
        List<CaseOutcome> outcomes = new ArrayList<>();
        for (boolean direct : List.of(false, true)) {
            for (int ranks : RANKS) {
                measure(direct, ranks, table, outcomes);
            }
        }
        return new SectionResult("Checkpoints", List.of(
                "A checkpoint-only run (`workflow.checkpoint: True, train: False`) of a model whose checkpoint is "
                        + "the bench's size, each rank writing its share as one file (`model.type: cnn`, ZeRO 3), "
                        + "with `checkpoint.fsync: True`, through the page cache and with `checkpoint.odirect: True`; "
                        + "save = one `num_checkpoints_write` (the previous repetition's checkpoint deleted and the "
                        + "page cache synced first, untimed, as for FileChannel), load = one `num_checkpoints_read` "
                        + "of it afterwards (through the page cache: warm unless --drop-caches). MiB/s = all ranks' "
                        + "bytes over the slowest rank's time, MLPerf's definition.",
                "FileChannel: the same files written from a 1 MiB direct buffer and forced (`force(true)`) before "
                        + "close, or read whole into a 1 MiB direct buffer, by as many threads as ranks; for the "
                        + "O_DIRECT rows, opened with O_DIRECT and written or read " + (chunk(1) >> 20)
                        + " MiB at a time (the checkpoint's transfer size), one transfer in flight per thread."),
                table, outcomes);
    }

    private void measure(boolean direct, int ranks, MarkdownTable table, List<CaseOutcome> outcomes)
            throws IOException {
        String label = "r" + ranks + (direct ? "-direct" : "");
        Path folder = context.folder("checkpoint").resolve(label);
        Path plain = context.folder("checkpoint").resolve(label + "-filechannel");
        List<String> overrides = overrides(folder, ranks, direct);
        int block = chunk(ranks);
        try {
            CaseOutcome save = context.runner().run(CaseSpec.checkpoint(name("save", direct, ranks),
                    CaseSpec.Kind.CHECKPOINT_SAVE, save(overrides), ranks), context.options().reps(),
                    warm -> direct ? new DirectWrites(plain, sizes(files(folder)), ranks, block)
                            : new FileChannelWrites(plain, sizes(files(folder)), ranks, true), () -> { }, List.of());
            outcomes.add(save);
            table.row(row(save, ranks));
            CaseOutcome load = context.runner().run(CaseSpec.checkpoint(name("load", direct, ranks),
                    CaseSpec.Kind.CHECKPOINT_LOAD, load(overrides), ranks), context.options().reps(),
                    warm -> direct ? new DirectReads(files(folder), ranks, block)
                            : new FileChannelReads(files(folder), ranks), context.beforeRead(), List.of());
            outcomes.add(load);
            table.row(row(load, ranks));
        } finally {
            FileTrees.delete(folder);
            FileTrees.delete(plain);
        }
    }

    /** The O_DIRECT checkpoint's transfer size with {@code ranks} ranks in one process. */
    private static int chunk(int ranks) {
        return Checkpointer.chunkBytes(ranks, true);
    }

    private List<String> overrides(Path folder, int ranks, boolean direct) {
        long share = Math.max(1 << 20, context.sizeBytes() / ranks);
        return List.of("workflow.generate_data=False", "workflow.train=False", "workflow.checkpoint=True",
                "model.name=ckbench", "model.type=cnn", "model.model_size_bytes=" + share,
                "model.parallelism.zero_stage=3", "checkpoint.checkpoint_folder=" + folder.resolve("ckpt"),
                "checkpoint.time_between_checkpoints=0", "checkpoint.fsync=True",
                "checkpoint.odirect=" + (direct ? "True" : "False"), "output.folder=" + folder.resolve("output"));
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
