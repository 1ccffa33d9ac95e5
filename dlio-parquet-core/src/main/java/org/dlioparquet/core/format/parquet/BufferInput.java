package org.dlioparquet.core.format.parquet;

import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * An InputStream over {@code [start, end)} of a buffer, read with absolute gets (the buffer is not
 * moved), for parquet-format's Thrift parser and parquet-java's level decoders. Tells how many
 * bytes were taken and whether a read ran past the end, which for a page header means "read more
 * of the file and try again".
 */
final class BufferInput extends InputStream {
    private final ByteBuffer buffer;
    private final int start;
    private final int end;
    private int pos;
    private boolean exhausted;

    BufferInput(ByteBuffer buffer, int start, int end) {
        this.buffer = buffer;
        this.start = start;
        this.end = end;
        this.pos = start;
    }

    @Override
    public int read() {
        if (pos >= end) {
            exhausted = true;
            return -1;
        }
        return buffer.get(pos++) & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (pos >= end) {
            exhausted = true;
            return -1;
        }
        int n = Math.min(len, end - pos);
        buffer.get(pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return end - pos;
    }

    int consumed() {
        return pos - start;
    }

    boolean exhausted() {
        return exhausted;
    }
}
