package org.dlioparquet.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import org.dlioparquet.core.checkpoint.CheckpointTesting.RecordingStorage;
import org.dlioparquet.core.storage.DirectBufferPool;
import org.dlioparquet.core.testing.ForceRecordingChannel;
import org.dlioparquet.core.testing.ForceRecordingChannel.Force;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One checkpoint file written through the storage seam: what is forced, and when. */
class StateFileIoTest {
    private static final int CHUNK = 64 << 10;
    /** Runs each fill and flush at once on the writing thread, so that the forces' order is exact. */
    private static final Executor INLINE = Runnable::run;

    @TempDir
    Path dir;

    /** The local file system, handing out channels that record their forces. */
    private static final class ForceRecordingStorage extends RecordingStorage {
        ForceRecordingChannel channel;

        @Override
        public FileChannel create(Path file, boolean direct) throws IOException {
            channel = new ForceRecordingChannel(super.create(file, direct));
            return channel;
        }
    }

    private StateFileIo io(ForceRecordingStorage storage, boolean fsync) {
        return new StateFileIo(storage, new DirectBufferPool(4), INLINE, INLINE, 2L * CHUNK, CHUNK, 3, false, fsync);
    }

    @Test
    void withFsyncAFileIsFlushedBehindItsWritesThenForcedWholeBeforeItIsRenamed() throws IOException {
        ForceRecordingStorage storage = new ForceRecordingStorage();
        Path file = dir.resolve("model_states-0.pt");
        FileContent content = FileContent.seeded(7, "global_epoch1_step1/model_states-0.pt");
        long size = 5L * CHUNK + 808;

        assertThat(io(storage, true).write(file, size, content)).isEqualTo(size);

        // every 2 chunks, data only, while the rest is still being written; then the whole file with metadata
        assertThat(storage.channel.forces()).containsExactly(new Force(2L * CHUNK, false),
                new Force(4L * CHUNK, false), new Force(size, true));
        assertThat(storage.forced).containsExactly(file.resolveSibling(".model_states-0.pt.partial"));
        assertThat(storage.published).containsExactly(file);
        assertThat(Files.size(file)).isEqualTo(size);
        // the bytes are the file's seeded content: a verifying load reads them all back
        assertThat(io(storage, true).read(file, size, content)).isEqualTo(size);
    }

    @Test
    void withoutFsyncNothingIsForced() throws IOException {
        ForceRecordingStorage storage = new ForceRecordingStorage();
        Path file = dir.resolve("f.pt");

        io(storage, false).write(file, 5L * CHUNK, FileContent.seeded(7, "f.pt"));

        assertThat(storage.channel.forces()).isEmpty();
        assertThat(storage.forced).isEqualTo(List.of());
    }
}
