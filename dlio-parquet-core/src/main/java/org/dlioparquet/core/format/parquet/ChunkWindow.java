package org.dlioparquet.core.format.parquet;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.dlioparquet.core.storage.DirectBufferPool;

/**
 * A run of consecutive file bytes held in one reused direct buffer, filled by positional reads:
 * the page-streaming reader keeps the page it is serving (and the header of the next one) here.
 * Asking for bytes that start inside the window keeps them and reads only what is missing, so a
 * column chunk read page after page is read exactly once. Storage failures come out wrapped in
 * {@link StorageIOException}; a file that ends early is a {@link CorruptDataException}.
 */
final class ChunkWindow {
    private final ChannelInputFile input;
    private final DirectBufferPool pool;
    private ByteBuffer buffer;
    /** File offset of buffer index 0. */
    private long start;
    private int filled;

    ChunkWindow(ChannelInputFile input, DirectBufferPool pool) {
        this.input = input;
        this.pool = pool;
    }

    /** The buffer (little-endian); valid until the next {@link #ensure}. */
    ByteBuffer buffer() {
        return buffer;
    }

    /**
     * Makes file bytes {@code [from, to)} available, reading on up to {@code readTo} when it has to
     * read; returns the buffer index of {@code from}.
     */
    int ensure(long from, long to, long readTo) throws IOException {
        if (buffer != null && from >= start && to <= start + filled) {
            return (int) (from - start);
        }
        long end = Math.max(to, readTo);
        if (end - from > Integer.MAX_VALUE - 8) {
            throw new CorruptDataException("cannot hold " + (end - from) + " bytes of a column chunk at once");
        }
        int want = (int) (end - from);
        int keep = buffer != null && from >= start && from < start + filled ? (int) (start + filled - from) : 0;
        if (buffer == null || buffer.capacity() < want) {
            ByteBuffer bigger = pool.take(want);
            if (keep > 0) {
                bigger.put(0, buffer, (int) (from - start), keep);
            }
            if (buffer != null) {
                pool.give(buffer);
            }
            buffer = bigger;
        } else if (keep > 0 && from != start) {
            buffer.limit(filled).position((int) (from - start));
            buffer.compact();
        }
        start = from;
        filled = keep;
        ByteBuffer dst = buffer.duplicate();
        dst.limit(want).position(keep);
        try {
            input.readFully(dst, from + keep);
        } catch (EOFException e) {
            filled = 0;
            throw new CorruptDataException(e.getMessage());
        } catch (IOException e) {
            filled = 0;
            throw new StorageIOException(e);
        }
        filled = want;
        return 0;
    }

    /** Bytes of the buffer held. */
    long heldBytes() {
        return buffer == null ? 0 : buffer.capacity();
    }

    /** Gives the buffer back to the pool. */
    void release() {
        if (buffer != null) {
            pool.give(buffer);
            buffer = null;
            filled = 0;
        }
    }
}
