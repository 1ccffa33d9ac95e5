package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * A channel that can be told which bytes its reader thread takes next, front to back: a direct
 * channel then reads those ahead and fetches nothing past their end, where another reader thread
 * may be reading (two reader threads each reading half of a row group fetched 1.4 times the file
 * when each read ahead into the other's half).
 */
public interface ReadWindow {
    /** The reader reads file bytes {@code [from, to)} next. */
    void readWindow(long from, long to) throws IOException;

    /** Tells {@code channel} when it is a {@link ReadWindow}; does nothing otherwise. */
    static void tell(FileChannel channel, long from, long to) throws IOException {
        if (channel instanceof ReadWindow window) {
            window.readWindow(from, to);
        }
    }
}
