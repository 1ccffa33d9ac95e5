package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that it never looks complete before it is: the bytes go to a hidden temporary
 * name beside the target ({@code .<name>.partial}, which no format's listing matches), and the
 * file is renamed into place only when the writer returns.
 */
public final class AtomicFiles {
    /** Suffix of temporary files; they are only ever complete under their final name. */
    public static final String PARTIAL_SUFFIX = ".partial";

    private AtomicFiles() {
    }

    /** Writes one channel's worth of bytes. */
    @FunctionalInterface
    public interface ChannelWriter {
        void write(SeekableByteChannel channel) throws IOException;
    }

    /** Looks at a complete temporary file before it is renamed into place. */
    @FunctionalInterface
    public interface PartialCheck {
        void check(Path partial, long size) throws IOException;
    }

    /** The temporary name used while {@code target} is being written. */
    public static Path partialPath(Path target) {
        return target.resolveSibling("." + target.getFileName() + PARTIAL_SUFFIX);
    }

    /**
     * Writes {@code target} through {@code writer}.
     *
     * @param fsync force the bytes to the device before the rename
     * @return the size of the written file
     */
    public static long write(Path target, boolean fsync, ChannelWriter writer) throws IOException {
        return write(WriteStorage.LOCAL, target, fsync, writer, null);
    }

    /** Writes {@code bytes} as {@code target}'s whole content. */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, false, ch -> {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        });
    }

    /**
     * Writes {@code target} through {@code writer} on {@code storage}; {@code beforeRename}, when
     * given, sees the complete temporary file first (to checksum it).
     */
    public static long write(WriteStorage storage, Path target, boolean fsync, ChannelWriter writer,
                             PartialCheck beforeRename) throws IOException {
        Path partial = partialPath(target);
        boolean done = false;
        try {
            long size;
            try (SeekableByteChannel ch = storage.create(partial)) {
                writer.write(ch);
                if (fsync && ch instanceof FileChannel fc) {
                    fc.force(true);
                }
                size = ch.size();
            }
            if (beforeRename != null) {
                beforeRename.check(partial, size);
            }
            moveIntoPlace(partial, target);
            done = true;
            return size;
        } finally {
            if (!done) {
                Files.deleteIfExists(partial);
            }
        }
    }

    /** Renames a complete temporary file to its final name, atomically where the file system can. */
    static void moveIntoPlace(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
