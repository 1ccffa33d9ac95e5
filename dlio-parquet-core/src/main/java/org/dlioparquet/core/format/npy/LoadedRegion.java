package org.dlioparquet.core.format.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.dlioparquet.core.DataFileException;

/**
 * A region read whole into memory on first use and served from there. A DLIO array keeps its
 * samples on the last axis, so every sample is spread over the whole array: without this, each
 * batch that takes a few of a file's samples would read the whole file again. Loading it once per
 * open file is what DLIO's {@code read_type: memory} does with {@code np.load}.
 */
final class LoadedRegion implements ByteRegion {
    private final ByteRegion source;
    private final long start;
    private final Path file;
    private final String what;
    private byte[] bytes;

    /** Keeps {@code [start, length)} of {@code source}: the array data after the header. */
    LoadedRegion(ByteRegion source, long start, Path file, String what) {
        this.source = source;
        this.start = start;
        this.file = file;
        this.what = what;
    }

    @Override
    public long length() {
        return source.length();
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        if (position < start) {
            return source.read(position, dst); // the header, read once when the file is opened
        }
        if (bytes == null) {
            load();
        }
        long at = position - start;
        if (at >= bytes.length) {
            return 0;
        }
        int n = (int) Math.min(dst.remaining(), bytes.length - at);
        dst.put(bytes, (int) at, n);
        return n;
    }

    private void load() throws IOException {
        byte[] all = new byte[Math.toIntExact(source.length() - start)];
        ByteBuffer into = ByteBuffer.wrap(all);
        while (into.hasRemaining()) {
            int n = source.read(start + into.position(), into);
            if (n <= 0) {
                throw new DataFileException(file, what + "array data ended after " + into.position() + " of " + all.length
                        + " bytes");
            }
        }
        bytes = all;
    }
}
