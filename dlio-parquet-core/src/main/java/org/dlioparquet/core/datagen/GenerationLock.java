package org.dlioparquet.core.datagen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.dlioparquet.core.dataset.DatasetManifest;
import org.dlioparquet.core.metrics.HostInfo;

/**
 * One generation per data folder (and rank) at a time. The lock file holds who took it (pid, host,
 * time); the OS lock on it is released when its holder dies however it dies, so a lock file whose
 * OS lock can be taken is stale and is taken over.
 */
public final class GenerationLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final String previousHolder;

    private GenerationLock(Path file, FileChannel channel, FileLock lock, String previousHolder) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.previousHolder = previousHolder;
    }

    /** The lock file of a rank's generation in {@code root}. */
    public static Path lockFile(Path root, int rank, int ranks) {
        return root.resolve(".dlio-parquet" + DatasetManifest.rankSuffix(rank, ranks) + ".lock");
    }

    /**
     * Takes the lock.
     *
     * @throws GenerationLockedException naming the holder when another live process holds it
     */
    public static GenerationLock acquire(Path root, int rank, int ranks) throws IOException {
        Path file = lockFile(root, rank, ranks);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                throw new GenerationLockedException(file, holderOr(read(ch), "this process"));
            }
            if (lock == null) {
                throw new GenerationLockedException(file, holderOr(read(ch), "another process"));
            }
            // read only now: a holder that finished between a read and tryLock has emptied the file
            String holder = read(ch);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " on " + HostInfo.current().hostname()
                    + " since " + Instant.now()).getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new GenerationLock(file, ch, lock, holder);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static String holderOr(String holder, String unknown) {
        return holder.isEmpty() ? unknown : holder;
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
        ch.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
    }

    /** Who held the lock before, when it was taken over from a dead holder; empty otherwise. */
    public String takenOverFrom() {
        return previousHolder;
    }

    /** Releases the lock and empties the file, so the next holder does not mistake it for a crash. */
    @Override
    public void close() throws IOException {
        try (channel) {
            channel.truncate(0);
            lock.release();
        }
    }

    /** Another live process is generating into the same folder. */
    public static final class GenerationLockedException extends FileSystemException {
        private static final long serialVersionUID = 1L;

        GenerationLockedException(Path file, String holder) {
            super(file.toString(), null, "another generation holds this data folder (" + holder
                    + "); wait for it to finish or stop it");
        }
    }
}
