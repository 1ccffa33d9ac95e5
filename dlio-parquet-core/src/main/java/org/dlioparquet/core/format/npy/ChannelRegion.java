package org.dlioparquet.core.format.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.dlioparquet.core.DataFileException;

/** A byte range of a file, read with positional reads (no shared file position, no buffering). */
public final class ChannelRegion implements ByteRegion {
    private final FileChannel channel;
    private final long offset;
    private final long length;
    private final ReadCounter counter;
    private final Path file;
    private final String what;

    /**
     * @param what prefix of error reasons, e.g. {@code "x.npy: "} or empty for a bare file
     */
    public ChannelRegion(FileChannel channel, long offset, long length, ReadCounter counter, Path file, String what) {
        this.channel = channel;
        this.offset = offset;
        this.length = length;
        this.counter = counter;
        this.file = file;
        this.what = what;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        long want = Math.min(dst.remaining(), Math.max(0, length - position));
        int limit = dst.limit();
        dst.limit(dst.position() + (int) want);
        int done = 0;
        try {
            while (dst.hasRemaining()) {
                int n = channel.read(dst, offset + position + done);
                if (n < 0) {
                    throw new DataFileException(file, what + "file ends at byte " + (offset + position + done)
                            + " but data should continue to byte " + (offset + length) + " (truncated while reading?)");
                }
                counter.add(n);
                done += n;
            }
        } finally {
            dst.limit(limit);
        }
        return done;
    }
}
