package org.dlioparquet.core.dataset;

import java.io.IOException;
import java.nio.file.Path;
import org.dlioparquet.core.storage.ChecksummingChannel;

/** CRC32C of a whole file, read through one reused buffer (CRC32C is hardware-accelerated). */
public final class Crc32c {
    private Crc32c() {
    }

    public static int of(Path file) throws IOException {
        return ChecksummingChannel.crc32cOf(file);
    }
}
