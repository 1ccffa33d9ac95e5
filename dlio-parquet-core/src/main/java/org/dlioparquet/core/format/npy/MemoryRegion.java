package org.dlioparquet.core.format.npy;

import java.nio.ByteBuffer;

/**
 * A region whose bytes are already in memory: a small file read whole with one read, as a
 * one-sample-per-file dataset is best read (a file's header and data cost one system call, not
 * one each). Reads copy; a run of contiguous bytes can also be shown in place ({@link #view}),
 * so that a sample stored contiguously reaches the sink without a copy.
 */
public final class MemoryRegion implements ByteRegion {
    private final ByteBuffer bytes;
    /** Handed to sinks: read-only, so that no sink can change what later reads see. */
    private final ByteBuffer shown;

    /** @param bytes the region, from its position to its limit; kept, not copied */
    public MemoryRegion(ByteBuffer bytes) {
        this.bytes = bytes.slice();
        this.shown = this.bytes.asReadOnlyBuffer();
    }

    @Override
    public long length() {
        return bytes.capacity();
    }

    @Override
    public int read(long position, ByteBuffer dst) {
        int n = (int) Math.min(dst.remaining(), Math.max(0, bytes.capacity() - position));
        if (n > 0) {
            dst.put(dst.position(), bytes, (int) position, n);
            dst.position(dst.position() + n);
        }
        return n;
    }

    /**
     * The {@code length} bytes at {@code position} as a read-only buffer of their own position and
     * limit; the same buffer is returned by the next call, as pieces of a sink are reused.
     */
    ByteBuffer view(long position, int length) {
        shown.limit((int) position + length).position((int) position);
        return shown;
    }
}
