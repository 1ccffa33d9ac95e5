package org.dlioparquet.core.format.parquet;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What the raw writer reuses from file to file on one generating thread: two page buffers, the
 * compressed-page buffer, the page header stream and the write-behind helper. A file's columns are
 * written one after another, so one set serves all of them. Not thread-safe: one per generating thread.
 */
final class RawWriterState {
    final PageWriteBehind writeBehind;
    final PlainPageBuffer[] pages = {new PlainPageBuffer(), new PlainPageBuffer()};
    final ByteArrayOutputStream header = new ByteArrayOutputStream(64);
    private ByteBuffer compressed;

    RawWriterState() {
        this(new PageWriteBehind());
    }

    RawWriterState(PageWriteBehind writeBehind) {
        this.writeBehind = writeBehind;
    }

    /** The compressed-page buffer with room for at least {@code bound} bytes, cleared. */
    ByteBuffer compressed(int bound) {
        if (compressed == null || compressed.capacity() < bound) {
            compressed = ByteBuffer.allocateDirect(Math.max(bound, 64 << 10)).order(ByteOrder.LITTLE_ENDIAN);
        }
        return compressed.clear();
    }
}
