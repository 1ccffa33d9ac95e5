package org.dlioparquet.cli.bench;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.dlioparquet.core.storage.HugePageMemory;

/**
 * Reads whole files with plain {@code FileChannel} reads opened with O_DIRECT into one
 * {@code block}-byte buffer per thread in the same huge-page memory the epoch's bounce ranges use
 * ({@link HugePageMemory}: a transfer is then whole device requests, not one per 254 scattered
 * pages), thread {@code t} reading files {@code t, t+T, ...}: what the device gives at that
 * transfer size and one read in flight per thread.
 */
final class DirectReads implements Baseline {
    private final List<Path> files;
    private final int threads;
    private final int block;

    /** @param block bytes per read, a multiple of {@link DirectWrites#ALIGN} */
    DirectReads(List<Path> files, int threads, int block) {
        this.files = List.copyOf(files);
        this.threads = Math.max(1, threads);
        this.block = block;
    }

    @Override
    public RepMeasure rep() throws IOException {
        AtomicLong bytes = new AtomicLong();
        long nanos = Parallel.time(threads, t -> {
            ByteBuffer buffer = DirectWrites.aligned(block);
            for (int i = t; i < files.size(); i += threads) {
                bytes.addAndGet(read(files.get(i), buffer));
            }
        });
        return RepMeasure.throughput(bytes.get(), nanos / 1e9);
    }

    private static long read(Path file, ByteBuffer buffer) throws IOException {
        long total = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT)) {
            int n;
            while ((n = in.read(buffer.clear(), total)) > 0) {
                total += n;
                if (total % DirectWrites.ALIGN != 0) {
                    break; // the file's end: the next offset would not be aligned
                }
            }
        }
        return total;
    }
}
