package org.dlioparquet.core.format.tfrecord;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The TFRecord frame around each record: {@code uint64 length}, {@code uint32 masked_crc32c(length)},
 * the payload, {@code uint32 masked_crc32c(payload)}, all little-endian.
 */
final class TfRecordFraming {
    /** Length and its CRC, before the payload. */
    static final int HEADER = 12;
    /** Bytes a frame adds to its payload. */
    static final int OVERHEAD = 16;
    private static final int MASK_DELTA = 0xa282ead8;

    private TfRecordFraming() {
    }

    /** TensorFlow's CRC mask: rotate right by 15 bits and add a constant. */
    static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    /** The masked CRC32C of {@code buf}'s remaining bytes (its position is not moved). */
    static int maskedCrc(ByteBuffer buf) {
        CRC32C crc = new CRC32C();
        crc.update(buf.duplicate());
        return mask((int) crc.getValue());
    }

    /** The 12-byte header of a record whose payload has {@code payloadLength} bytes. */
    static ByteBuffer header(long payloadLength) {
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.putLong(0, payloadLength);
        h.putInt(8, maskedCrc(h.duplicate().limit(8)));
        return h;
    }
}
