package org.dlioparquet.cli.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.LongStream;

/**
 * Writes files of the given sizes with plain {@code FileChannel} writes from one 1 MiB direct
 * buffer per thread (thread {@code t} writes files {@code t, t+T, ...}), each under a temporary
 * name then renamed into place as the generator publishes its files, timed to the last rename
 * without fsync, like the generator. The old files are deleted and the page cache synced first,
 * outside the timing.
 */
final class FileChannelWrites implements Baseline {
    static final int BLOCK = 1 << 20;

    private final Path folder;
    private final long[] sizes;
    private final int threads;
    private final boolean force;

    FileChannelWrites(Path folder, long[] sizes, int threads) {
        this(folder, sizes, threads, false);
    }

    /** @param force force each file to the device before it is closed, as {@code checkpoint.fsync} does */
    FileChannelWrites(Path folder, long[] sizes, int threads, boolean force) {
        this.folder = folder;
        this.sizes = sizes.clone();
        this.threads = Math.max(1, threads);
        this.force = force;
    }

    @Override
    public RepMeasure rep() throws IOException {
        return timedWrites(folder, sizes, threads, FileChannelWrites::randomBlock,
                (file, size, block) -> write(file, size, block, force));
    }

    /** Writes one file from its thread's buffer. */
    @FunctionalInterface
    interface FileWrite {
        void write(Path file, long size, ByteBuffer buffer) throws IOException;
    }

    /**
     * One repetition of a write baseline: the old files deleted and the page cache synced, then,
     * timed, thread {@code t} writes files {@code t, t+T, ...} from its own buffer, each under a
     * temporary name renamed into place.
     */
    static RepMeasure timedWrites(Path folder, long[] sizes, int threads, IntFunction<ByteBuffer> buffers,
                                  FileWrite write) throws IOException {
        FileTrees.delete(folder);
        Files.createDirectories(folder);
        PageCache.sync();
        long nanos = Parallel.time(threads, t -> {
            ByteBuffer buffer = buffers.apply(t);
            for (int i = t; i < sizes.length; i += threads) {
                Path partial = folder.resolve(".f" + i + ".partial");
                write.write(partial, sizes[i], buffer);
                Files.move(partial, folder.resolve("f" + i), StandardCopyOption.ATOMIC_MOVE);
            }
        });
        return RepMeasure.throughput(LongStream.of(sizes).sum(), nanos / 1e9);
    }

    private static ByteBuffer randomBlock(int seed) {
        byte[] random = new byte[BLOCK];
        new SplittableRandom(seed).nextBytes(random);
        return ByteBuffer.allocateDirect(BLOCK).put(random).flip();
    }

    private static void write(Path file, long size, ByteBuffer block, boolean force) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long left = size; left > 0; ) {
                block.clear().limit((int) Math.min(BLOCK, left));
                while (block.hasRemaining()) {
                    left -= out.write(block);
                }
            }
            if (force) {
                out.force(true);
            }
        }
    }
}
