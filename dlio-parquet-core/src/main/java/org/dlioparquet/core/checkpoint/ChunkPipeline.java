package org.dlioparquet.core.checkpoint;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * A file's content in chunks, filled ahead on other threads so that filling never holds up the
 * writer: chunk {@code k} lives in slot {@code k % slots}, and as soon as the writer is done with
 * it the slot starts filling chunk {@code k + slots}. Memory is the slots, whatever the file's
 * size. A constant content is filled once.
 */
final class ChunkPipeline implements AutoCloseable {
    private final FileContent content;
    private final long size;
    private final int chunk;
    private final ByteBuffer[] slots;
    private final Executor fillers;
    private final CompletableFuture<?>[] pending;
    private final long chunks;

    /** @param slots buffers of {@code chunk} bytes capacity each, not used by anyone else until {@link #close} */
    ChunkPipeline(FileContent content, long size, int chunk, ByteBuffer[] slots, Executor fillers) {
        if (chunk % 8 != 0) {
            throw new IllegalArgumentException("chunk " + chunk + " is not a multiple of 8");
        }
        this.content = content;
        this.size = size;
        this.chunk = chunk;
        this.slots = slots;
        this.fillers = fillers;
        this.pending = new CompletableFuture<?>[slots.length];
        this.chunks = (size + chunk - 1) / chunk;
        if (content.constant()) {
            for (int i = 0; i < slots.length; i++) {
                content.fill(slots[i], 0, chunk);
                pending[i] = CompletableFuture.completedFuture(null);
            }
        } else {
            for (long k = 0; k < Math.min(chunks, slots.length); k++) {
                schedule(k);
            }
        }
    }

    long chunks() {
        return chunks;
    }

    int length(long k) {
        return (int) Math.min(chunk, size - k * chunk);
    }

    private void schedule(long k) {
        int slot = (int) (k % slots.length);
        ByteBuffer target = slots[slot].duplicate().clear();
        long offset = k * chunk;
        int len = length(k);
        pending[slot] = CompletableFuture.runAsync(() -> content.fill(target, offset, len), fillers);
    }

    /** Chunk {@code k}'s bytes (position 0, limit its length), once filled; chunks are taken in order. */
    ByteBuffer get(long k) throws IOException {
        int slot = (int) (k % slots.length);
        try {
            pending[slot].get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the checkpoint's content was filled");
        } catch (ExecutionException e) {
            throw new IOException("filling the checkpoint's content failed: " + e.getCause(), e.getCause());
        }
        return slots[slot].duplicate().clear().limit(length(k));
    }

    /** The caller is done with chunk {@code k}: its slot starts on chunk {@code k + slots}. */
    void release(long k) {
        if (!content.constant() && k + slots.length < chunks) {
            schedule(k + slots.length);
        }
    }

    /** Waits for fills still running, so that nothing writes into a slot after it is handed back. */
    @Override
    public void close() {
        for (CompletableFuture<?> f : pending) {
            if (f == null) {
                continue;
            }
            boolean interrupted = false;
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    break;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
