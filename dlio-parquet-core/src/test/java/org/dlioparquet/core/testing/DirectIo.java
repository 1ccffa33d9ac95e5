package org.dlioparquet.core.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.dlioparquet.core.storage.ReadChannels;

/** Whether O_DIRECT works where a test writes its files: tests of direct reads skip where it does not. */
public final class DirectIo {
    private DirectIo() {
    }

    /** Whether {@code file} (an existing, non-empty file) opens and reads with {@code reader.odirect}. */
    public static boolean works(Path file) {
        try (FileChannel c = ReadChannels.open(file, true)) {
            return c.size() > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
