package org.dlioparquet.core.storage;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** {@link DurableStorage#LOCAL}: NIO file channels, O_DIRECT through the JDK's {@link ExtendedOpenOption#DIRECT}. */
final class LocalDurableStorage implements DurableStorage {
    private static final String KEY = "checkpoint.odirect";

    @Override
    public FileChannel create(Path file, boolean direct) throws IOException {
        if (!direct) {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        }
        return openDirect(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, ExtendedOpenOption.DIRECT);
    }

    private static FileChannel openDirect(Path file, OpenOption... options) throws IOException {
        try {
            return FileChannel.open(file, options);
        } catch (UnsupportedOperationException e) {
            throw new DirectIoUnsupportedException(file.toString(), "this JVM or platform has no O_DIRECT", KEY);
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw e;
        } catch (FileSystemException e) {
            throw new DirectIoUnsupportedException(file.toString(), String.valueOf(e.getReason()), KEY);
        }
    }

    @Override
    public void force(FileChannel channel, Path file) throws IOException {
        channel.force(true);
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        // Linux forces a directory's entries through fsync on a read-only descriptor of it
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            if (Files.isDirectory(directory) && System.getProperty("os.name", "").startsWith("Windows")) {
                return; // Windows cannot open a directory as a file; its renames are durable once flushed
            }
            throw e;
        }
    }

    @Override
    public void publish(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public FileChannel openRead(Path file, boolean direct) throws IOException {
        return ReadChannels.open(file, direct, KEY);
    }

    @Override
    public long usableSpace(Path directory) throws IOException {
        return Files.getFileStore(existingAncestor(directory)).getUsableSpace();
    }

    @Override
    public int directAlignment(Path directory) throws IOException {
        return ReadChannels.blockSize(existingAncestor(directory));
    }

    private static Path existingAncestor(Path path) throws NoSuchFileException {
        for (Path p = path.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new NoSuchFileException(path.toString());
    }
}
