package org.dlioparquet.core.format.npy;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A region whose bytes are in memory: part of a small file read whole with one read, as a
 * one-sample-per-file dataset is best read (a file's header and data cost one system call, not
 * one each). Reads copy; a run of bytes can also be shown in place ({@link #view}), so that a
 * sample stored contiguously reaches the sink without a copy. Once its owner no longer needs the
 * bytes in memory it {@link #release}s them (their buffer serves the next file, still in the
 * cache), and later reads go to the same bytes in storage.
 */
public final class MemoryRegion implements ByteRegion {
    private final ByteRegion storage;
    private ByteBuffer bytes;
    /** Handed to sinks: read-only, so that no sink can change what later reads see. */
    private ByteBuffer shown;

    /**
     * @param bytes   the region, from its position to its limit; kept, not copied
     * @param storage the same bytes where they are stored, read after {@link #release}
     */
    public MemoryRegion(ByteBuffer bytes, ByteRegion storage) {
        if (bytes.remaining() != storage.length()) {
            throw new IllegalArgumentException(bytes.remaining() + " bytes in memory for a region of "
                    + storage.length());
        }
        this.storage = storage;
        this.bytes = bytes.slice();
        this.shown = this.bytes.asReadOnlyBuffer();
    }

    @Override
    public long length() {
        return storage.length();
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        if (bytes == null) {
            return storage.read(position, dst);
        }
        int n = (int) Math.min(dst.remaining(), Math.max(0, bytes.capacity() - position));
        if (n > 0) {
            dst.put(dst.position(), bytes, (int) position, n);
            dst.position(dst.position() + n);
        }
        return n;
    }

    /** Whether the bytes are still in memory, so that {@link #view} may be used. */
    boolean inMemory() {
        return bytes != null;
    }

    /**
     * The {@code length} bytes at {@code position} as a read-only buffer of their own position and
     * limit; the same buffer is returned by the next call, as pieces of a sink are reused.
     */
    ByteBuffer view(long position, int length) {
        shown.limit((int) position + length).position((int) position);
        return shown;
    }

    /** Forgets the bytes in memory (their owner reuses the buffer); reads go to storage from now on. */
    public void release() {
        bytes = null;
        shown = null;
    }
}
