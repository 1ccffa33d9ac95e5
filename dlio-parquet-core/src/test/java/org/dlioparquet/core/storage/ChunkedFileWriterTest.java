package org.dlioparquet.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Executor;
import org.dlioparquet.core.testing.DirectIo;
import org.dlioparquet.core.testing.ForceRecordingChannel;
import org.dlioparquet.core.testing.ForceRecordingChannel.Force;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkedFileWriterTest {
    @TempDir
    Path dir;

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(3).nextBytes(b);
        return b;
    }

    private static ByteBuffer aligned(byte[] content, int from, int len, int capacity) {
        ByteBuffer b = ByteBuffer.allocateDirect(capacity + 4096).alignedSlice(4096).limit(capacity).slice();
        b.put(content, from, len).flip();
        return b;
    }

    @Test
    void anODirectFileOfAnUnalignedSizeIsWrittenExactly() throws IOException {
        Path probe = Files.write(dir.resolve("probe"), new byte[4096]);
        assumeTrue(DirectIo.works(probe), "the test folder's file system refuses O_DIRECT");
        int align = DurableStorage.LOCAL.directAlignment(dir);
        byte[] content = random(2 * align + 1808);
        Path file = dir.resolve("f.bin");

        try (FileChannel ch = DurableStorage.LOCAL.create(file, true)) {
            ChunkedFileWriter w = new ChunkedFileWriter(ch, align);
            w.write(aligned(content, 0, 2 * align, 2 * align));
            w.write(aligned(content, 2 * align, 1808, 2 * align));
            assertThat(ch.size()).isEqualTo(3L * align);
            w.finish();
            assertThat(w.size()).isEqualTo(content.length);
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(content);
    }

    @Test
    void withoutAlignmentAnyChunkIsWrittenAsIs() throws IOException {
        byte[] content = random(10_000);
        Path file = dir.resolve("g.bin");

        try (FileChannel ch = DurableStorage.LOCAL.create(file, false)) {
            ChunkedFileWriter w = new ChunkedFileWriter(ch, 1);
            w.write(ByteBuffer.wrap(content, 0, 3333));
            w.write(ByteBuffer.wrap(content, 3333, 6667));
            w.finish();
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(content);
    }

    @Test
    void misuseIsRefused() throws IOException {
        try (FileChannel ch = DurableStorage.LOCAL.create(dir.resolve("h.bin"), false)) {
            ChunkedFileWriter w = new ChunkedFileWriter(ch, 4096);
            assertThatThrownBy(() -> w.write(ByteBuffer.allocate(4096)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aligned to 4096");
            ByteBuffer tail = aligned(new byte[100], 0, 100, 4096);
            w.write(tail);
            assertThatThrownBy(() -> w.write(aligned(new byte[4096], 0, 4096, 4096)))
                    .isInstanceOf(IllegalStateException.class);
            ByteBuffer noRoom = ByteBuffer.allocateDirect(8192).alignedSlice(4096).limit(100).slice();
            ChunkedFileWriter other = new ChunkedFileWriter(ch, 4096);
            assertThatThrownBy(() -> other.write(noRoom)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no room");
        }
        assertThatThrownBy(() -> new ChunkedFileWriter(null, 3000)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Runs each flush at once on the writing thread, so that when flushes happen is exact. */
    private static final Executor INLINE = Runnable::run;

    @Test
    void flushingBehindForcesWhatWasWrittenEveryIntervalAndTheFileIsIntact() throws IOException {
        byte[] content = random(10 * 4096 + 100);
        Path file = dir.resolve("fb.bin");

        try (ForceRecordingChannel ch = new ForceRecordingChannel(DurableStorage.LOCAL.create(file, false))) {
            ChunkedFileWriter w = new ChunkedFileWriter(ch, 1).flushingBehind(INLINE, 3 * 4096);
            for (int at = 0; at < content.length; at += 4096) {
                w.write(ByteBuffer.wrap(content, at, Math.min(4096, content.length - at)));
            }
            w.finish();
            // data only (fdatasync), each time 3 more chunks were written; the tail is the caller's final force
            assertThat(ch.forces()).containsExactly(new Force(3 * 4096, false), new Force(6 * 4096, false),
                    new Force(9 * 4096, false));
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(content);
    }

    @Test
    void aFlushBehindThatFailsFailsTheFileEvenIfTheFinalForceWouldNotSeeIt() throws IOException {
        Path file = dir.resolve("ff.bin");
        try (ForceRecordingChannel ch = new ForceRecordingChannel(DurableStorage.LOCAL.create(file, false))) {
            ChunkedFileWriter w = new ChunkedFileWriter(ch, 1).flushingBehind(INLINE, 4096);
            ch.failForcesWith(new IOException("Input/output error"));
            w.write(ByteBuffer.wrap(new byte[4096]));
            assertThat(ch.forces()).hasSize(1);

            assertThatThrownBy(w::finish).isInstanceOf(IOException.class).hasMessage("Input/output error");
        }
    }

    @Test
    void anODirectWriterDoesNotFlushBehind() throws IOException {
        try (FileChannel ch = DurableStorage.LOCAL.create(dir.resolve("d.bin"), false)) {
            assertThatThrownBy(() -> new ChunkedFileWriter(ch, 4096).flushingBehind(INLINE, 1 << 20))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> new ChunkedFileWriter(ch, 1).flushingBehind(INLINE, 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
