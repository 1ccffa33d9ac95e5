package org.dlioparquet.cli.bench;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import org.dlioparquet.core.storage.HugePageMemory;

/**
 * Writes files of the given sizes with plain {@code FileChannel} writes opened with O_DIRECT, one
 * {@code block}-byte buffer per thread in huge-page memory as the checkpointer's (thread {@code t}
 * writes files {@code t, t+T, ...}), each forced, closed and renamed into place: what the device takes at that transfer size
 * and one write in flight per thread. A file's last partial block is written padded, then cut. The
 * old files are deleted and the page cache synced first, outside the timing.
 */
final class DirectWrites implements Baseline {
    /** O_DIRECT's alignment on the file systems measured (a multiple of their logical block size). */
    static final int ALIGN = 4096;

    private final Path folder;
    private final long[] sizes;
    private final int threads;
    private final int block;

    /** @param block bytes per write, a multiple of {@link #ALIGN} */
    DirectWrites(Path folder, long[] sizes, int threads, int block) {
        if (block % ALIGN != 0) {
            throw new IllegalArgumentException("block " + block + " is not a multiple of " + ALIGN);
        }
        this.folder = folder;
        this.sizes = sizes.clone();
        this.threads = Math.max(1, threads);
        this.block = block;
    }

    @Override
    public RepMeasure rep() throws IOException {
        return FileChannelWrites.timedWrites(folder, sizes, threads, t -> alignedRandom(block, t), this::write);
    }

    /** A direct buffer of {@code bytes} random bytes whose address is aligned for O_DIRECT. */
    static ByteBuffer alignedRandom(int bytes, int seed) {
        byte[] random = new byte[bytes];
        new SplittableRandom(seed).nextBytes(random);
        return aligned(bytes).put(random).flip();
    }

    /**
     * A direct buffer of {@code bytes} whose address is aligned for O_DIRECT, in the huge-page memory
     * the epoch and the checkpointer use (so that the baseline's transfers split no more than theirs).
     */
    static ByteBuffer aligned(int bytes) {
        return HugePageMemory.allocate(bytes + ALIGN).alignedSlice(ALIGN).limit(bytes).slice();
    }

    private void write(Path file, long size, ByteBuffer buffer) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                ExtendedOpenOption.DIRECT)) {
            long at = 0;
            while (at < size) {
                int len = (int) Math.min(block, size - at);
                buffer.clear().limit((len + ALIGN - 1) / ALIGN * ALIGN);
                while (buffer.hasRemaining()) {
                    at += out.write(buffer, at);
                }
            }
            if (at != size) {
                out.truncate(size);
            }
            out.force(true);
        }
    }
}
