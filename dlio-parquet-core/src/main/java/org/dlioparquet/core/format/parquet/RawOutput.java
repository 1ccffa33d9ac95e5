package org.dlioparquet.core.format.parquet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.SeekableByteChannel;
import org.dlioparquet.core.storage.PositionalWriter;

/**
 * The generator's channel as the raw writer uses it: whole buffers written at once (a page header
 * and its body in one gathering write where the channel allows), and the count of bytes written,
 * which is where the next page starts. Over a file that takes positional writes every write is
 * one, at a range reserved for it, so that two threads can write pages whose place is known
 * ({@link #reserve}, {@link #writeAt}) at the same time.
 */
final class RawOutput {
    private final SeekableByteChannel channel;
    /** Present when the channel takes positional writes: then every write is one. */
    private final PositionalWriter positional;
    private final ByteBuffer[] pair = new ByteBuffer[2];
    private ByteBuffer small = ByteBuffer.allocateDirect(4096);
    private long position;

    RawOutput(SeekableByteChannel channel) {
        this.channel = channel;
        this.positional = PositionalWriter.of(channel).orElse(null);
    }

    /** Where the next write goes: the bytes written and reserved so far. */
    long position() {
        return position;
    }

    /** Whether pages may be written at reserved ranges, from several threads at once. */
    boolean takesPositionalWrites() {
        return positional != null;
    }

    /** Reserves the next {@code length} bytes for {@link #writeAt}; returns where they start. */
    long reserve(long length) {
        long start = position;
        position += length;
        return start;
    }

    /** Writes {@code src} at {@code start}, in a range {@link #reserve} returned; thread-safe. */
    void writeAt(ByteBuffer src, long start) throws IOException {
        positional.write(src, start);
    }

    /** Writes {@code head} (a page header, a footer) followed by {@code body} (may be null). */
    void write(ByteArrayOutputStream head, ByteBuffer body) throws IOException {
        ByteBuffer first = stage(head);
        if (positional != null) {
            long start = reserve(first.remaining() + (body == null ? 0L : body.remaining()));
            long bodyStart = start + first.remaining();
            positional.write(first, start);
            if (body != null) {
                positional.write(body, bodyStart);
            }
            return;
        }
        if (body == null) {
            drain(first);
            return;
        }
        if (channel instanceof GatheringByteChannel gathering) {
            long total = first.remaining() + (long) body.remaining();
            pair[0] = first;
            pair[1] = body;
            for (long done = 0; done < total; ) {
                done += gathering.write(pair, 0, 2);
            }
            pair[1] = null;
            position += total;
        } else {
            drain(first);
            drain(body);
        }
    }

    private ByteBuffer stage(ByteArrayOutputStream head) {
        int n = head.size();
        if (small.capacity() < n) {
            small = ByteBuffer.allocateDirect(Math.max(n, small.capacity() * 2));
        }
        small.clear();
        small.put(head.toByteArray(), 0, n);
        return small.flip();
    }

    private void drain(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            position += channel.write(b);
        }
    }
}
