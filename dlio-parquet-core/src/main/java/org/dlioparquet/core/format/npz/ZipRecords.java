package org.dlioparquet.core.format.npz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import org.dlioparquet.core.format.npy.ReadCounter;

/** Signatures and sizes of the ZIP records this package reads itself, and the read they share. */
final class ZipRecords {
    static final int EOCD_SIG = 0x06054b50;
    static final int ZIP64_LOCATOR_SIG = 0x07064b50;
    static final int ZIP64_EOCD_SIG = 0x06064b50;
    static final int CENTRAL_SIG = 0x02014b50;
    static final int LOCAL_SIG = 0x04034b50;
    /** End of central directory record without its comment. */
    static final int EOCD_SIZE = 22;
    static final int CENTRAL_SIZE = 46;
    static final int LOCAL_SIZE = 30;
    static final int MAX_COMMENT = 0xFFFF;

    private ZipRecords() {
    }

    /**
     * Index in {@code tail} (the end of a file, up to its limit) of the last end record whose
     * comment ends the file exactly ({@code exactEnd}) or at least fits in it, or -1.
     */
    static int endRecord(ByteBuffer tail, boolean exactEnd) {
        int length = tail.limit();
        for (int i = length - EOCD_SIZE; i >= 0; i--) {
            if (tail.getInt(i) == EOCD_SIG) {
                int end = i + EOCD_SIZE + (tail.getShort(i + 20) & 0xFFFF);
                if (exactEnd ? end == length : end <= length) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Up to {@code n} bytes at {@code at} (fewer where the file ends), little-endian, from index 0 to the limit. */
    static ByteBuffer read(FileChannel channel, long at, int n, ReadCounter counter) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            int got = channel.read(buf, at + buf.position());
            if (got < 0) {
                break;
            }
            counter.add(got);
        }
        return buf.flip();
    }
}
