package org.dlioparquet.cli.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads whole files with plain {@code FileChannel} reads into one 1 MiB direct buffer per thread
 * (thread {@code t} reads files {@code t, t+T, ...}): the most a reader of these files could get.
 */
final class FileChannelReads implements Baseline {
    private final List<Path> files;
    private final int threads;

    FileChannelReads(List<Path> files, int threads) {
        this.files = List.copyOf(files);
        this.threads = Math.max(1, threads);
    }

    @Override
    public RepMeasure rep() throws IOException {
        AtomicLong bytes = new AtomicLong();
        long nanos = Parallel.time(threads, t -> {
            ByteBuffer buffer = ByteBuffer.allocateDirect(FileChannelWrites.BLOCK);
            for (int i = t; i < files.size(); i += threads) {
                bytes.addAndGet(read(files.get(i), buffer));
            }
        });
        return RepMeasure.throughput(bytes.get(), nanos / 1e9);
    }

    private static long read(Path file, ByteBuffer buffer) throws IOException {
        long total = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            int n;
            while ((n = in.read(buffer.clear(), total)) > 0) {
                total += n;
            }
        }
        return total;
    }
}
