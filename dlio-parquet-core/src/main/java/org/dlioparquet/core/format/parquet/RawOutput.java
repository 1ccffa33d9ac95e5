package org.dlioparquet.core.format.parquet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.SeekableByteChannel;

/**
 * The generator's channel as the raw writer uses it: whole buffers written at once (a page header
 * and its body in one gathering write where the channel allows), and the count of bytes written,
 * which is where the next page starts.
 */
final class RawOutput {
    private final SeekableByteChannel channel;
    private final ByteBuffer[] pair = new ByteBuffer[2];
    private ByteBuffer small = ByteBuffer.allocateDirect(4096);
    private long position;

    RawOutput(SeekableByteChannel channel) {
        this.channel = channel;
    }

    long position() {
        return position;
    }

    /** Writes {@code head} (a page header, a footer) followed by {@code body} (may be null). */
    void write(ByteArrayOutputStream head, ByteBuffer body) throws IOException {
        ByteBuffer first = stage(head);
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
