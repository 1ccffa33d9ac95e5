package org.dlioparquet.core.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.dlioparquet.core.config.ConfigException;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.storage.DurableStorage;

/**
 * What a checkpoint workload will write on a number of ranks, before anything is written: the
 * plan (each rank's files), the checkpoints it saves, and where. {@code datasize --ranks} prints
 * it; {@code run} checks with it that the checkpoint folder has the space.
 *
 * @param plan        each rank's files in every checkpoint
 * @param folder      the checkpoint root, for people: a path, or a URI on a storage ({@code s3://bucket/ckpt})
 * @param checkpoints the checkpoints the run saves, in order
 */
public record CheckpointSizing(CheckpointPlan plan, String folder, List<CheckpointId> checkpoints) {
    public CheckpointSizing {
        checkpoints = List.copyOf(checkpoints);
    }

    /**
     * The checkpoints {@code config} saves on {@code ranks} ranks: checkpoint-only mode's
     * {@code num_checkpoints_write}, or those its training epochs take.
     *
     * @throws ConfigException when the workload does not checkpoint, or {@code ranks} does not fit its model
     */
    public static CheckpointSizing of(WorkloadConfig config, int ranks) {
        if (!config.workflow().checkpoint()) {
            throw new ConfigException("workflow.checkpoint", "is False: this workload saves no checkpoints");
        }
        CheckpointPlan plan = CheckpointPlan.of(config, ranks);
        CheckpointSchedule schedule = CheckpointSchedule.of(config);
        List<CheckpointId> saved;
        if (schedule.checkpointOnly()) {
            saved = schedule.writes();
        } else {
            // the runner's steps per epoch: every rank reads samples / batch / ranks steps
            DatasetConfig ds = config.dataset();
            long steps = (long) ds.numFilesTrain() * ds.numSamplesPerFile() / config.reader().batchSize() / ranks;
            saved = schedule.trainingCheckpoints(config.train().epochs(), steps, config.train().totalTrainingSteps());
        }
        return new CheckpointSizing(plan, config.checkpointFolderName(), saved);
    }

    /** Bytes of one checkpoint over all ranks. */
    public long bytesPerCheckpoint() {
        return plan.totalBytes();
    }

    /** Bytes of every checkpoint the run saves. */
    public long totalBytes() {
        return Math.multiplyExact(plan.totalBytes(), (long) checkpoints.size());
    }

    /**
     * Refuses, in one line, when the checkpoint folder's file system lacks the space the saves of
     * every rank need (the ranks of all processes write to one folder; a file saved again counts
     * only the space it adds).
     *
     * @param root the checkpoint root, opened where it lies
     * @throws NotEnoughSpaceException when it lacks the space
     */
    public void requireSpace(DurableStorage storage, Path root) throws IOException {
        List<Integer> all = IntStream.range(0, plan.worldSize()).boxed().toList();
        CheckpointSpace.check(root, CheckpointSpace.needed(plan, all, checkpoints, root), storage);
    }

    /** The first checkpoint's folder name, whose files the listings name. */
    private String firstFolder() {
        return (checkpoints.isEmpty() ? new CheckpointId(1, 1, 1) : checkpoints.get(0)).directoryName();
    }

    /** Every rank's files (in the first checkpoint) and the totals, in bytes and GiB, one line each. */
    public List<String> lines(String modelName) {
        List<String> out = new ArrayList<>();
        String first = firstFolder();
        out.add(String.format(Locale.ROOT, "checkpoints of %s on %d ranks (%s) in %s; files of %s:", modelName,
                plan.worldSize(), plan.describe(), folder, first));
        for (int r = 0; r < plan.worldSize(); r++) {
            RankFiles files = plan.rank(r);
            if (files.files().isEmpty()) {
                out.add("rank " + r + ": nothing");
                continue;
            }
            out.add(String.format(Locale.ROOT, "rank %d: %d files, %d bytes (%s)", r, files.files().size(),
                    files.bytes(), gib(files.bytes())));
            for (CheckpointFile f : files.files()) {
                out.add(String.format(Locale.ROOT, "  %s/%s %d bytes", first, f.name(), f.bytes()));
            }
        }
        out.add(String.format(Locale.ROOT, "each checkpoint: %d files, %d bytes (%s): model states %d bytes (%s), "
                        + "optimizer states %d bytes (%s)", plan.fileCount(), plan.totalBytes(), gib(plan.totalBytes()),
                plan.modelBytes(), gib(plan.modelBytes()), plan.optimizerBytes(), gib(plan.optimizerBytes())));
        out.add(String.format(Locale.ROOT, "checkpoints saved: %d, %d bytes (%s) in all", checkpoints.size(),
                totalBytes(), gib(totalBytes())));
        return out;
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / 1073741824.0);
    }

    /**
     * The plan as JSON: {@code {"ranks": N, "files": [{"rank": r, "path": "...", "bytes": b}, ...],
     * "total_bytes": T, ...}}, the files those of the first checkpoint and {@code total_bytes} one
     * checkpoint's; then the model and optimizer bytes, the folder, the checkpoints saved and all their bytes.
     */
    public String toJson() {
        String first = firstFolder();
        List<Map<String, Object>> files = new ArrayList<>();
        for (int r = 0; r < plan.worldSize(); r++) {
            for (CheckpointFile f : plan.rank(r).files()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("rank", r);
                e.put("path", folder + "/" + first + "/" + f.name());
                e.put("bytes", f.bytes());
                files.add(e);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ranks", plan.worldSize());
        m.put("files", files);
        m.put("total_bytes", plan.totalBytes());
        m.put("model_bytes", plan.modelBytes());
        m.put("optimizer_bytes", plan.optimizerBytes());
        m.put("checkpoint_folder", folder);
        m.put("checkpoints", checkpoints.stream().map(CheckpointId::directoryName).toList());
        m.put("total_bytes_all_checkpoints", totalBytes());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
