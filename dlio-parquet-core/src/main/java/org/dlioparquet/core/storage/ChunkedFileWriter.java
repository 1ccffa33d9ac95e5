package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes a file front to back from chunks, through a plain channel or one opened with O_DIRECT.
 * O_DIRECT writes must start at an aligned offset and cover whole aligned blocks from an aligned
 * buffer: chunks are whole blocks, and the last one, when the file's size is not a whole number of
 * blocks, is written padded to its block and the file is cut back to its size by {@link #finish}.
 */
public final class ChunkedFileWriter {
    private final FileChannel channel;
    private final int alignment;
    private long size;
    private boolean padded;

    /** @param alignment O_DIRECT's alignment, or 1 for a plain channel */
    public ChunkedFileWriter(FileChannel channel, int alignment) {
        if (alignment < 1 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two, got " + alignment);
        }
        this.channel = channel;
        this.alignment = alignment;
    }

    /**
     * Writes the chunk's remaining bytes after those written so far. With an alignment, a chunk of
     * less than whole blocks must be the file's last, and its buffer must have room up to the end of
     * its last block (its pad bytes are written, then cut).
     */
    public void write(ByteBuffer chunk) throws IOException {
        if (padded) {
            throw new IllegalStateException("a chunk of less than whole blocks was not the last one");
        }
        int len = chunk.remaining();
        ByteBuffer out = chunk;
        if (alignment > 1) {
            if (!chunk.isDirect() || chunk.alignmentOffset(chunk.position(), alignment) != 0) {
                throw new IllegalArgumentException("an O_DIRECT write needs a direct buffer aligned to " + alignment);
            }
            int whole = roundUp(len);
            if (whole != len) {
                if (chunk.capacity() - chunk.position() < whole) {
                    throw new IllegalArgumentException("the last chunk's buffer has no room to pad it to " + whole + " bytes");
                }
                out = chunk.duplicate().limit(chunk.position() + whole);
                padded = true;
            }
        }
        long at = size;
        while (out.hasRemaining()) {
            at += channel.write(out, at);
        }
        chunk.position(chunk.limit());
        size += len;
    }

    private int roundUp(int n) {
        return (n + alignment - 1) & -alignment;
    }

    /** Bytes written so far, without padding. */
    public long size() {
        return size;
    }

    /** Cuts the last chunk's padding, so that the file is exactly {@link #size} bytes. */
    public void finish() throws IOException {
        if (padded) {
            channel.truncate(size);
        }
    }
}
