package org.dlioparquet.core.format.indexedbinary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A file read through memory maps of up to 1 GiB each (a map holds at most 2 GiB, and Megatron's
 * data file is hundreds of GiB); the last two maps used are kept. A value that crosses a map
 * boundary is handed out as two pieces.
 */
final class MappedFile {
    static final long SEGMENT = 1L << 30;

    private final FileChannel channel;
    private final long size;
    private final ByteBuffer[] maps = new ByteBuffer[2];
    private final long[] mapped = {-1, -1};
    private int next;

    MappedFile(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    long size() {
        return size;
    }

    /** The map holding byte {@code position}, positioned at it, limited to the end of its segment. */
    ByteBuffer at(long position) throws IOException {
        long segment = position / SEGMENT;
        ByteBuffer map = null;
        for (int i = 0; i < 2; i++) {
            if (mapped[i] == segment) {
                map = maps[i];
            }
        }
        if (map == null) {
            long start = segment * SEGMENT;
            MappedByteBuffer m = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(SEGMENT, size - start));
            m.order(ByteOrder.LITTLE_ENDIAN);
            maps[next] = m;
            mapped[next] = segment;
            next ^= 1;
            map = m;
        }
        ByteBuffer view = map.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        view.position((int) (position - segment * SEGMENT));
        return view;
    }

    /** The little-endian long at {@code position}, a multiple of 8 (so it never crosses a segment). */
    long getLong(long position) throws IOException {
        ByteBuffer b = at(position);
        return b.getLong(b.position());
    }
}
