package org.dlioparquet.core.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.dlioparquet.core.storage.DurableStorage;

/** Whether the checkpoint folder has room for the checkpoints a run will save, checked before anything is written. */
public final class CheckpointSpace {
    private CheckpointSpace() {
    }

    /**
     * Bytes the saves of {@code ids} by {@code ranks} add under {@code root}. A file saved again
     * replaces the old one, whose space returns once the new file is renamed over it; until then
     * both exist, so the largest file replaced counts twice.
     */
    public static long needed(CheckpointPlan plan, Collection<Integer> ranks, List<CheckpointId> ids, Path root)
            throws IOException {
        long needed = 0;
        long replaced = 0;
        long largestReplaced = 0;
        for (CheckpointId id : ids) {
            Path dir = root.resolve(id.directoryName());
            boolean exists = Files.isDirectory(dir);
            for (int r : ranks) {
                for (CheckpointFile f : plan.rank(r).files()) {
                    needed += f.bytes();
                    Path old = dir.resolve(f.name());
                    if (exists && Files.isRegularFile(old)) {
                        long size = Files.size(old);
                        replaced += size;
                        largestReplaced = Math.max(largestReplaced, size);
                    }
                }
            }
        }
        return Math.max(0, needed - replaced + largestReplaced);
    }

    /**
     * Refuses, in one line, when {@code root}'s file system has less than {@code needed} bytes free.
     *
     * @throws NotEnoughSpaceException when it lacks the space
     */
    public static void check(Path root, long needed, DurableStorage storage) throws IOException {
        long free = storage.usableSpace(root);
        if (free < needed) {
            throw new NotEnoughSpaceException(String.format(Locale.ROOT, "%s: not enough free space for the "
                    + "checkpoints: they need %.2f GiB (%d bytes), the file system has %.2f GiB (%d bytes) free", root,
                    needed / 1073741824.0, needed, free / 1073741824.0, free));
        }
    }
}
