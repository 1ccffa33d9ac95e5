package org.dlioparquet.core.format.parquet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The body of one PLAIN data page being built, in a reused direct buffer that grows to the
 * largest page: little-endian fixed-width values, length-prefixed byte arrays, and booleans packed
 * eight to a byte (least significant bit first). Values are written where they end up, so the
 * page goes to the channel (or the compressor) without another copy.
 */
final class PlainPageBuffer {
    private ByteBuffer buffer = ByteBuffer.allocateDirect(64 << 10).order(ByteOrder.LITTLE_ENDIAN);
    private int bits;
    private int pendingBits;

    /** Bytes in the page so far. */
    int size() {
        return buffer.position() + (pendingBits > 0 ? 1 : 0);
    }

    void reset() {
        buffer.clear();
        bits = 0;
        pendingBits = 0;
    }

    void putInt(int v) {
        ensure(4).putInt(v);
    }

    void putLong(long v) {
        ensure(8).putLong(v);
    }

    void putFloat(float v) {
        ensure(4).putFloat(v);
    }

    void putDouble(double v) {
        ensure(8).putDouble(v);
    }

    void putBoolean(boolean v) {
        bits |= (v ? 1 : 0) << pendingBits;
        if (++pendingBits == 8) {
            ensure(1).put((byte) bits);
            bits = 0;
            pendingBits = 0;
        }
    }

    /** Raw bytes (a FIXED_LEN_BYTE_ARRAY value). */
    void putBytes(byte[] b, int off, int len) {
        ensure(len).put(b, off, len);
    }

    /** A BYTE_ARRAY value: its length, then its bytes. */
    void putBinary(byte[] b, int off, int len) {
        ensure(4 + len).putInt(len).put(b, off, len);
    }

    /**
     * Starts a BYTE_ARRAY value of {@code len} bytes and returns the view its bytes are to be
     * written into (filled by the caller, straight into the page).
     */
    ByteBuffer reserveBinary(int len) {
        ensure(4 + len).putInt(len);
        ByteBuffer value = buffer.slice(buffer.position(), len);
        buffer.position(buffer.position() + len);
        return value;
    }

    /** The page's bytes (pending booleans padded with zero bits); valid until the next change. */
    ByteBuffer body() {
        if (pendingBits > 0) {
            ensure(1).put((byte) bits);
            bits = 0;
            pendingBits = 0;
        }
        return buffer.duplicate().flip();
    }

    private ByteBuffer ensure(int n) {
        if (buffer.remaining() < n) {
            long needed = (long) buffer.position() + n;
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("a page cannot reach 2 GiB");
            }
            int capacity = (int) Math.min(Integer.MAX_VALUE - 8L, Math.max(needed, buffer.capacity() * 2L));
            ByteBuffer bigger = ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
            bigger.put(buffer.flip());
            buffer = bigger;
        }
        return buffer;
    }
}
