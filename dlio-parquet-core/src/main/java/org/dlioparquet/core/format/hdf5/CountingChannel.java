package org.dlioparquet.core.format.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.dlioparquet.core.format.npy.ReadCounter;
import org.dlioparquet.core.storage.FileView;

/**
 * The view jHDF reads the file through: every byte it reads (metadata, chunks) is counted, and a
 * budget per jHDF call stops the loops that damaged metadata sends it into (an object header
 * continuation that points back to itself is read again and again). jHDF reads some metadata
 * (superblock, object headers) more than once, in overlapping pieces, while it opens a file: the
 * bytes of small reads are kept, and a read asks storage only for what it has not read yet, so the
 * file's metadata is read from storage once.
 */
final class CountingChannel extends FileView {
    /** Reads up to this size are metadata: their bytes are kept. */
    private static final int SMALL_READ = 16 * 1024;
    /** Bound on what is kept per open file. */
    private static final int KEPT_BYTES = 1 << 20;

    /** Ranges of the file already read, by start; they never overlap. */
    private final NavigableMap<Long, byte[]> kept = new TreeMap<>();
    private int keptBytes;
    private final ReadCounter counter;
    private long budget = Long.MAX_VALUE;
    private boolean exhausted;

    CountingChannel(FileChannel file, ReadCounter counter) {
        super(file);
        this.counter = counter;
    }

    /** Allows {@code bytes} more bytes of reads, until the next call. */
    void budget(long bytes) {
        budget = bytes;
        exhausted = false;
    }

    /** Whether the last budget ran out. */
    boolean exhausted() {
        return exhausted;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (dst.remaining() > budget) {
            exhausted = true;
            throw new IOException("read budget exhausted");
        }
        int want = dst.remaining();
        if (want > 0 && want <= SMALL_READ && keptBytes + want <= KEPT_BYTES) {
            return readThroughKept(dst, want);
        }
        int n = file.read(dst, position());
        if (n > 0) {
            budget -= n;
            position(position() + n);
            counter.add(n);
        }
        return n;
    }

    private int readThroughKept(ByteBuffer dst, int want) throws IOException {
        long end = Math.min(position() + want, file.size());
        long at = position();
        while (at < end) {
            Map.Entry<Long, byte[]> k = kept.floorEntry(at);
            if (k != null && at < k.getKey() + k.getValue().length) {
                int n = (int) Math.min(end - at, k.getKey() + k.getValue().length - at);
                dst.put(k.getValue(), (int) (at - k.getKey()), n);
                at += n;
                continue;
            }
            Long next = kept.higherKey(at);
            long gapEnd = next == null ? end : Math.min(end, next);
            int asked = (int) (gapEnd - at);
            byte[] gap = readFully(at, asked);
            kept.put(at, gap);
            keptBytes += gap.length;
            dst.put(gap);
            at += gap.length;
            if (gap.length < asked) {
                break; // the file ended under us
            }
        }
        int done = (int) (at - position());
        if (done == 0) {
            return -1;
        }
        position(at);
        budget -= done;
        return done;
    }

    private byte[] readFully(long at, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, at + buffer.position()) < 0) {
                break;
            }
        }
        counter.add(buffer.position());
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** Memory the kept metadata takes. */
    long keptBytes() {
        return keptBytes;
    }
}
