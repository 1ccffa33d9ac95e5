package org.dlioparquet.core.format.parquet.codec;

import java.io.OutputStream;
import java.util.Arrays;

/** A reusable byte array that grows as needed; also an OutputStream for {@code BytesInput.writeAllTo}. */
final class GrowableBytes extends OutputStream {
    private byte[] bytes = new byte[0];
    private int size;

    byte[] array() {
        return bytes;
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
    }

    /** Makes room for at least {@code capacity} bytes, keeping none of the old contents. */
    byte[] ensureCapacity(int capacity) {
        if (bytes.length < capacity) {
            bytes = new byte[Math.max(capacity, (int) Math.min(Integer.MAX_VALUE - 8, bytes.length * 3L / 2))];
        }
        return bytes;
    }

    @Override
    public void write(int b) {
        grow(size + 1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        grow(size + len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    private void grow(int needed) {
        if (needed < 0) {
            throw new IllegalStateException("a page cannot exceed 2 GiB");
        }
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8, bytes.length * 3L / 2)));
        }
    }
}
