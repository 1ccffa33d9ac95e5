package org.dlioparquet.core.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.storage.DurableStorage;

/** Small checkpoint workloads and a storage that records what it was asked to do. */
public final class CheckpointTesting {
    private CheckpointTesting() {
    }

    /**
     * The 2-layer llama of {@link CheckpointPlanTest} in checkpoint-only mode, its checkpoints in
     * {@code dir/ckpt}; ZeRO 1 over 2 pipeline stages by default (layer files, unaligned sizes).
     */
    public static WorkloadConfig smallLlama(Path dir, String... overrides) {
        List<String> all = new ArrayList<>(List.of("framework=pytorch", "workflow.train=False", "workflow.checkpoint=True",
                "model.type=transformer", "model.num_layers=2", "model.transformer.vocab_size=1000",
                "model.transformer.hidden_size=256", "model.transformer.ffn_hidden_size=1024",
                "model.transformer.num_attention_heads=8", "model.transformer.num_kv_heads=4",
                "model.parallelism.pipeline=2", "model.parallelism.zero_stage=1",
                "checkpoint.checkpoint_folder=" + dir.resolve("ckpt")));
        all.addAll(List.of(overrides));
        return new WorkloadLoader().baseDirectory(dir).fromOverrides(all);
    }

    static List<Integer> ranks(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    /** The local file system, recording every file forced and directory forced. */
    static class RecordingStorage implements DurableStorage {
        final List<Path> forced = Collections.synchronizedList(new ArrayList<>());
        final List<Path> forcedDirectories = Collections.synchronizedList(new ArrayList<>());
        final List<Path> published = Collections.synchronizedList(new ArrayList<>());
        long usable = -1;

        @Override
        public FileChannel create(Path file, boolean direct) throws IOException {
            return LOCAL.create(file, direct);
        }

        @Override
        public void force(FileChannel channel, Path file) throws IOException {
            LOCAL.force(channel, file);
            forced.add(file);
        }

        @Override
        public void forceDirectory(Path directory) throws IOException {
            LOCAL.forceDirectory(directory);
            forcedDirectories.add(directory);
        }

        @Override
        public void publish(Path partial, Path target) throws IOException {
            LOCAL.publish(partial, target);
            published.add(target);
        }

        @Override
        public FileChannel openRead(Path file, boolean direct) throws IOException {
            return LOCAL.openRead(file, direct);
        }

        @Override
        public long usableSpace(Path directory) throws IOException {
            return usable >= 0 ? usable : LOCAL.usableSpace(directory);
        }

        @Override
        public int directAlignment(Path directory) throws IOException {
            return LOCAL.directAlignment(directory);
        }
    }
}
