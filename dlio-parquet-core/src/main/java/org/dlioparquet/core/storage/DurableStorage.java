package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Where large files that must survive a crash are streamed to and read back from: checkpoints.
 * The local file system by default; tests stand in a storage that records every {@link #force}
 * (to prove that {@code checkpoint.fsync} really forces every file) or fails like a full disk.
 */
public interface DurableStorage {
    /** The local file system, with O_DIRECT where it is asked for. */
    DurableStorage LOCAL = new LocalDurableStorage();

    /**
     * Opens {@code file} for writing from position 0, creating or truncating it; with {@code direct}
     * it is opened with O_DIRECT, and every write must then be aligned to {@link #directAlignment}.
     *
     * @throws DirectIoUnsupportedException when {@code direct} and the file system refuses O_DIRECT
     */
    FileChannel create(Path file, boolean direct) throws IOException;

    /** Forces the file's bytes and metadata to the device (fsync). */
    void force(FileChannel channel, Path file) throws IOException;

    /** Forces a directory's entries (files renamed into it) to the device. */
    void forceDirectory(Path directory) throws IOException;

    /** Renames a complete temporary file to its final name, atomically where the file system can. */
    void publish(Path partial, Path target) throws IOException;

    /**
     * Opens {@code file} for reading; with {@code direct} through O_DIRECT.
     *
     * @throws DirectIoUnsupportedException when {@code direct} and the file system refuses O_DIRECT
     */
    FileChannel openRead(Path file, boolean direct) throws IOException;

    /** Bytes that new files in {@code directory} (or its nearest existing ancestor) may still take. */
    long usableSpace(Path directory) throws IOException;

    /** The alignment of offsets, lengths and buffer addresses for O_DIRECT in {@code directory}. */
    int directAlignment(Path directory) throws IOException;
}
