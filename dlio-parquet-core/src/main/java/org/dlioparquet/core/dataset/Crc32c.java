package org.dlioparquet.core.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/** CRC32C of a whole file, read through one reused buffer (CRC32C is hardware-accelerated). */
public final class Crc32c {
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1 << 20));

    private Crc32c() {
    }

    public static int of(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer b = BUFFER.get();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = 0;
            while (true) {
                b.clear();
                int n = ch.read(b, pos);
                if (n < 0) {
                    break;
                }
                pos += n;
                b.flip();
                crc.update(b);
            }
        }
        return (int) crc.getValue();
    }
}
