package org.dlioparquet.core.datagen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import org.dlioparquet.core.dataset.Bookkeeping;
import org.dlioparquet.core.internal.Printable;
import org.dlioparquet.core.metrics.HostInfo;
import org.dlioparquet.core.storage.StorageFileSystem;

/**
 * One generation per data folder and rank at a time, and only generations of one rank count at a
 * time: rank 1 of 2 and rank 1 of 3 write different files under the same temporary names.
 *
 * <p>Each rank holds its own lock file, which says who took it (pid, host, time); the OS lock on
 * it is released when its holder dies however it dies, so a lock file whose OS lock can be taken
 * is stale and is taken over. The rank counts meet in one folder lock file
 * ({@code .dlio-parquet-ranks.lock}) through byte-range locks: rank {@code r} of {@code P} locks
 * byte {@code P(P-1)/2 + r}, so the ranks of one count hold disjoint bytes of one range, and a
 * newcomer of another count finds that range taken. The check and the taking happen under a
 * guard byte, so two newcomers of different counts never both succeed.
 */
public final class GenerationLock implements AutoCloseable {
    /** Byte locked briefly while a newcomer checks the other rank counts; above every rank's byte. */
    private static final long GUARD = 1L << 62;
    /** The JVM refuses overlapping locks of one file from two of its threads: they queue here first. */
    private static final Object JVM_GUARD = new Object();

    private final FileChannel channel;
    private final FileLock lock;
    private final FileChannel folderChannel;
    private final FileLock rankByte;
    private final String previousHolder;

    private GenerationLock(FileChannel channel, FileLock lock, FileChannel folderChannel, FileLock rankByte,
                           String previousHolder) {
        this.channel = channel;
        this.lock = lock;
        this.folderChannel = folderChannel;
        this.rankByte = rankByte;
        this.previousHolder = previousHolder;
    }

    /** The lock file of a rank's generation in {@code root}. */
    public static Path lockFile(Path root, int rank, int ranks) {
        return Bookkeeping.lockFile(root, rank, ranks);
    }

    /**
     * Takes the lock.
     *
     * @throws GenerationLockedException naming the holder when another live process holds it, or
     *                                   a generation with another rank count holds the folder
     */
    public static GenerationLock acquire(Path root, int rank, int ranks) throws IOException {
        if (StorageFileSystem.isStoragePath(root)) {
            // object stores have no locks: concurrent generations into one prefix are the user's to avoid
            return new GenerationLock(null, null, null, null, "");
        }
        FileChannel folder = FileChannel.open(Bookkeeping.folderLockFile(root), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock rankByte = null;
        try {
            rankByte = takeRankByte(root, folder, rank, ranks);
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
                ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " on "
                        + HostInfo.current().hostname() + " since " + Instant.now()).getBytes(StandardCharsets.UTF_8)), 0);
                ch.force(false);
                return new GenerationLock(ch, lock, folder, rankByte, holder);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            try (folder) {
                if (rankByte != null) {
                    rankByte.release();
                }
            }
            throw e;
        }
    }

    /**
     * Locks this rank's byte of the folder lock, after checking under the guard that no generation
     * of another rank count holds a byte.
     */
    private static FileLock takeRankByte(Path root, FileChannel folder, int rank, int ranks) throws IOException {
        long first = (long) ranks * (ranks - 1) / 2;
        synchronized (JVM_GUARD) {
            try (FileLock guard = folder.lock(GUARD, 1, false)) {
                if (!free(folder, 0, first) || !free(folder, first + ranks, GUARD - first - ranks)) {
                    throw new GenerationLockedException(Bookkeeping.folderLockFile(root), "a generation with "
                            + "another rank count" + otherHolder(root, ranks).map(h -> ", " + h).orElse("")
                            + "; ranks of one generation must agree on --ranks");
                }
                FileLock mine;
                try {
                    mine = folder.tryLock(first + rank, 1, false);
                } catch (OverlappingFileLockException e) {
                    mine = null;
                }
                if (mine == null) {
                    Path file = lockFile(root, rank, ranks);
                    throw new GenerationLockedException(file, holderOr(readQuietly(file),
                            "another process"));
                }
                return mine;
            }
        }
    }

    /** Whether no process (this one included) holds a lock on a byte of the range. */
    private static boolean free(FileChannel folder, long position, long size) throws IOException {
        if (size <= 0) {
            return true;
        }
        try {
            FileLock probe = folder.tryLock(position, size, false);
            if (probe == null) {
                return false;
            }
            probe.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false;
        }
    }

    /** Who holds a lock of another rank count, from the lock files' contents, for the message. */
    private static Optional<String> otherHolder(Path root, int ranks) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root)) {
            for (Path f : files) {
                Optional<Bookkeeping> b = Bookkeeping.of(f.getFileName().toString());
                if (b.isPresent() && b.get().kind() == Bookkeeping.Kind.LOCK && b.get().ranks() != ranks) {
                    String holder = readQuietly(f);
                    if (!holder.isEmpty()) {
                        return Optional.of(b.get().ranks() + (b.get().ranks() == 1 ? " rank: " : " ranks: ")
                                + holder);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String readQuietly(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch);
        } catch (IOException e) {
            return "";
        }
    }

    private static String holderOr(String holder, String unknown) {
        return holder.isEmpty() ? unknown : holder;
    }

    /** The holder line of a lock file: at most 4 KiB, control characters escaped (it is printed). */
    private static String read(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
        ch.read(b, 0);
        return Printable.escape(new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim());
    }

    /** Who held the lock before, when it was taken over from a dead holder; empty otherwise. */
    public String takenOverFrom() {
        return previousHolder;
    }

    /** Releases the lock and empties the file, so the next holder does not mistake it for a crash. */
    @Override
    public void close() throws IOException {
        if (channel == null) {
            return;
        }
        try (folderChannel; channel) {
            channel.truncate(0);
            lock.release();
            rankByte.release();
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
