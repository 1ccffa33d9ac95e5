package org.dlioparquet.core.storage;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Writes a file front to back from chunks, through a plain channel or one opened with O_DIRECT.
 * O_DIRECT writes must start at an aligned offset and cover whole aligned blocks from an aligned
 * buffer: chunks are whole blocks, and the last one, when the file's size is not a whole number of
 * blocks, is written padded to its block and the file is cut back to its size by {@link #finish}.
 *
 * <p>A writer that will force its file at the end can {@linkplain #flushingBehind flush behind}: the
 * kernel writes a plain channel's pages back only when forced (or when much memory is dirty), so a
 * write-then-force leaves the device idle while the writes fill the page cache and the CPU idle while
 * the force waits for the device. Forcing what was written so far on a helper thread, again and again
 * as the writes go on, keeps both busy; the final force then has only the last bytes to wait for.
 */
public final class ChunkedFileWriter {
    private final FileChannel channel;
    private final int alignment;
    private long size;
    private boolean padded;
    private Executor flusher;
    private long flushEvery;
    /** Bytes written when the last flush behind started. */
    private long flushedFrom;
    private CompletableFuture<Void> flush;

    /** @param alignment O_DIRECT's alignment, or 1 for a plain channel */
    public ChunkedFileWriter(FileChannel channel, int alignment) {
        if (alignment < 1 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two, got " + alignment);
        }
        this.channel = channel;
        this.alignment = alignment;
    }

    /**
     * Forces (fdatasync) what was written so far on {@code flusher} whenever {@code everyBytes} more
     * were written and the previous flush is done; {@link #finish} waits for the last one and
     * reports a failed one. For plain channels only: O_DIRECT writes leave no dirty pages behind.
     */
    public ChunkedFileWriter flushingBehind(Executor flusher, long everyBytes) {
        if (alignment > 1) {
            throw new IllegalStateException("O_DIRECT writes need no flushing behind");
        }
        if (everyBytes < 1) {
            throw new IllegalArgumentException("flush interval must be positive, got " + everyBytes);
        }
        this.flusher = flusher;
        this.flushEvery = everyBytes;
        return this;
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
        if (flusher != null && size - flushedFrom >= flushEvery && (flush == null || flush.isDone())) {
            flushBehind();
        }
    }

    private void flushBehind() throws IOException {
        awaitFlush();
        flushedFrom = size;
        flush = CompletableFuture.runAsync(() -> {
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, flusher);
    }

    /**
     * Waits for the flush behind under way, if any, and throws its error: a failed flush's error is
     * the file's, and a later force on the same descriptor may no longer report it.
     */
    private void awaitFlush() throws IOException {
        if (flush == null) {
            return;
        }
        CompletableFuture<Void> f = flush;
        flush = null;
        boolean interrupted = false;
        while (true) {
            try {
                f.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the flush must end before the channel may close
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
                throw cause instanceof IOException io ? io
                        : new IOException("flushing the file behind its writes failed: " + cause, cause);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the file was flushed");
        }
    }

    private int roundUp(int n) {
        return (n + alignment - 1) & -alignment;
    }

    /** Bytes written so far, without padding. */
    public long size() {
        return size;
    }

    /**
     * Cuts the last chunk's padding, so that the file is exactly {@link #size} bytes, and waits for
     * the flush behind still running, rethrowing the error of any that failed.
     */
    public void finish() throws IOException {
        awaitFlush();
        if (padded) {
            channel.truncate(size);
        }
    }
}
