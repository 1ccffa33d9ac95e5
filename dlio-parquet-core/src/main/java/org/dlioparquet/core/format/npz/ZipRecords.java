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
