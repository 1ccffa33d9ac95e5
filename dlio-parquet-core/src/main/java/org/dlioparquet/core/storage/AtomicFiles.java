package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.dlioparquet.core.spi.ObjectReader;
import org.dlioparquet.core.spi.ObjectWriter;
import org.dlioparquet.core.spi.WriteMode;

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

    /** Looks at a complete file before it is renamed into place (or, on an object store, published). */
    @FunctionalInterface
    public interface PartialCheck {
        void check(WrittenContent content, long size) throws IOException;
    }

    /** The bytes of a file written but not yet in place. */
    @FunctionalInterface
    public interface WrittenContent {
        /** Their CRC32C, read back once. */
        int crc32c() throws IOException;
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
     * The failure with the file named. The JDK reports a full disk ({@code ENOSPC}), a directory in
     * the way ({@code EISDIR}) and other write errors as a bare {@link IOException} whose message is
     * only the system's reason: "No space left on device", but where?
     */
    public static IOException namingFile(Path file, IOException e) {
        if (e.getClass() != IOException.class) {
            return e; // a FileSystemException names its file; subclasses say what they are
        }
        if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
            return e; // a storage's failure names its object already
        }
        FileSystemException named = new FileSystemException(file.toString(), null, e.getMessage());
        named.initCause(e);
        return named;
    }

    /**
     * Writes {@code target} through {@code writer} on {@code storage}; {@code beforeRename}, when
     * given, sees the complete temporary file first (to checksum it).
     */
    public static long write(WriteStorage storage, Path target, boolean fsync, ChannelWriter writer,
                             PartialCheck beforeRename) throws IOException {
        return write(storage, target, fsync, writer, beforeRename, WriteMode.SEQUENTIAL);
    }

    /**
     * Writes {@code target} as {@link #write(WriteStorage, Path, boolean, ChannelWriter, PartialCheck)}
     * does; on a {@link StorageFileSystem} (an object store) there is no temporary name: the upload
     * appears under {@code target} only once published, and a failed one is aborted.
     *
     * @param mode {@link WriteMode#SEEKABLE} when the writer seeks back (an object store then
     *             spools the bytes locally before uploading them)
     */
    public static long write(WriteStorage storage, Path target, boolean fsync, ChannelWriter writer,
                             PartialCheck beforeRename, WriteMode mode) throws IOException {
        if (StorageFileSystem.isStoragePath(target)) {
            return writeObject(target, fsync, writer, beforeRename, mode);
        }
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
                beforeRename.check(() -> ChecksummingChannel.crc32cOf(partial), size);
            }
            moveIntoPlace(partial, target);
            done = true;
            return size;
        } catch (IOException e) {
            throw namingFile(target, e);
        } finally {
            if (!done) {
                Files.deleteIfExists(partial);
            }
        }
    }

    private static long writeObject(Path target, boolean fsync, ChannelWriter writer, PartialCheck check,
                                    WriteMode mode) throws IOException {
        try (ObjectWriter object = StorageFileSystem.createObject(target, mode)) {
            writer.write(object);
            if (check != null) {
                check.check(() -> {
                    try (ObjectReader content = object.readBack()) {
                        return ChecksummingChannel.crc32cOf(content.asFileChannel());
                    }
                }, object.size());
            }
            return object.publish(fsync);
        } catch (IOException e) {
            throw namingFile(target, e);
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
