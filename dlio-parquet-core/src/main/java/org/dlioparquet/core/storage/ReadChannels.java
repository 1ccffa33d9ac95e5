package org.dlioparquet.core.storage;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.dlioparquet.core.spi.ReaderSettings;

/**
 * How every format reader opens a data file: a plain {@link FileChannel}, or with
 * {@code reader.odirect} one that reads with O_DIRECT, past the page cache, so that a run measures
 * the device rather than memory. Readers use positional reads either way and need not know which.
 * A one-sample-per-file dataset opens a file per sample, so what a direct open costs beyond the
 * open itself is paid once: the block size (from the mount table) and the check that the file
 * system really reads with O_DIRECT are remembered per directory, and bounce buffers are reused.
 * When the opening thread has a {@link ReadObserver} (a trace), the channel reports its reads to it.
 */
public final class ReadChannels {
    /** Size of the aligned bounce buffer of a direct channel. */
    public static final int DIRECT_BOUNCE_BYTES = 1 << 20;
    /** Directories remembered; a dataset has a few (train, valid, subfolders). */
    private static final int MAX_DIRECTORIES = 256;
    /** Bounce buffers kept between direct channels: about one per reader thread. */
    private static final int SPARE_BOUNCE_BUFFERS = 16;

    private static final DirectBufferPool BOUNCE_BUFFERS = new DirectBufferPool(SPARE_BOUNCE_BUFFERS);
    /**
     * Threads that run the read-aheads of direct channels ({@code reader.odirect_read_ahead}): one per
     * reader thread reading at the moment, made when needed and ended after a while idle.
     */
    private static final ExecutorService READ_AHEAD = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10,
            TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "dlio-odirect-read-ahead");
                t.setDaemon(true);
                return t;
            });
    /** Block size of each directory whose file system has served an O_DIRECT read. */
    private static final Map<Path, Integer> BLOCK_SIZES = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Integer> eldest) {
            return size() > MAX_DIRECTORIES;
        }
    };

    private ReadChannels() {
    }

    /**
     * Opens {@code file} for reading.
     *
     * @throws DirectIoUnsupportedException when {@code odirect} and the file system refuses it
     */
    public static FileChannel open(Path file, boolean odirect) throws IOException {
        return open(file, odirect, "reader.odirect");
    }

    /**
     * Opens {@code file} for reading as a format reader's settings say: with O_DIRECT or not, and
     * with a read-ahead on a direct channel ({@code reader.odirect_read_ahead}).
     *
     * @throws DirectIoUnsupportedException when O_DIRECT is asked for and the file system refuses it
     */
    public static FileChannel open(Path file, ReaderSettings settings) throws IOException {
        return open(file, settings.odirect(), "reader.odirect", settings.odirectReadAhead());
    }

    /**
     * Opens {@code file} for reading; {@code key} names the workload key that asked for O_DIRECT. A
     * reading thread that has a {@link ReadObserver} (a sample-level trace) gets a channel that tells
     * it of every read.
     *
     * @throws DirectIoUnsupportedException when {@code odirect} and the file system refuses it
     */
    public static FileChannel open(Path file, boolean odirect, String key) throws IOException {
        return open(file, odirect, key, false);
    }

    private static FileChannel open(Path file, boolean odirect, String key, boolean readAhead) throws IOException {
        ReadObserver observer = ReadObserver.current();
        long t0 = observer == null ? 0 : System.nanoTime();
        FileChannel channel = odirect
                ? openDirect(file, f -> FileChannel.open(f, StandardOpenOption.READ, ExtendedOpenOption.DIRECT), key,
                        readAhead ? READ_AHEAD : null)
                : FileChannel.open(file, StandardOpenOption.READ);
        if (observer == null) {
            return channel;
        }
        return new ObservedReadChannel(channel, observer, observer.opened(file, t0, System.nanoTime()));
    }

    /** Opens a file with O_DIRECT; a seam so tests can stand in for a file system that refuses it. */
    interface DirectOpener {
        FileChannel open(Path file) throws IOException;
    }

    static FileChannel openDirect(Path file, DirectOpener opener) throws IOException {
        return openDirect(file, opener, "reader.odirect", null);
    }

    private static FileChannel openDirect(Path file, DirectOpener opener, String key, ExecutorService readAhead)
            throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Integer known;
        synchronized (BLOCK_SIZES) {
            known = BLOCK_SIZES.get(directory);
        }
        int block = known != null ? known : blockSize(file);
        FileChannel ch;
        try {
            ch = opener.open(file);
        } catch (UnsupportedOperationException e) {
            throw new DirectIoUnsupportedException(file.toString(), "this JVM or platform has no O_DIRECT", key);
        } catch (FileSystemException e) {
            if (e instanceof NoSuchFileException || e instanceof AccessDeniedException) {
                throw e;
            }
            throw new DirectIoUnsupportedException(file.toString(), String.valueOf(e.getReason()), key);
        }
        DirectReadChannel channel = new DirectReadChannel(ch, block, DIRECT_BOUNCE_BYTES, BOUNCE_BUFFERS, readAhead);
        if (known == null && probe(file, channel, key)) {
            synchronized (BLOCK_SIZES) {
                BLOCK_SIZES.put(directory, block);
            }
        }
        return channel;
    }

    /**
     * Some file systems accept the flag at open and refuse the first read (EINVAL).
     *
     * @return whether a read was made (an empty file proves nothing)
     */
    private static boolean probe(Path file, DirectReadChannel channel, String key) throws IOException {
        try {
            if (channel.size() == 0) {
                return false;
            }
            channel.read(ByteBuffer.allocate(1), 0);
            return true;
        } catch (IOException e) {
            Closeables.closeAfterFailure(e, channel);
            throw new DirectIoUnsupportedException(file.toString(), e.getMessage(), key);
        }
    }

    /** The O_DIRECT alignment for {@code file} (or a directory): its file system's block size, at least 4096. */
    static int blockSize(Path file) throws IOException {
        long b;
        try {
            b = Files.getFileStore(file).getBlockSize();
        } catch (UnsupportedOperationException e) {
            b = 4096;
        }
        // O_DIRECT alignment is the logical block size; 4096 covers every common device
        return (int) Math.max(4096, Math.min(b, 1 << 16));
    }

    /** Bounce buffers waiting for the next direct channel (for tests). */
    static int bounceBuffersKept() {
        return BOUNCE_BUFFERS.capacities().size();
    }

    /** Forgets what was learnt about directories (for tests). */
    static void forgetDirectories() {
        synchronized (BLOCK_SIZES) {
            BLOCK_SIZES.clear();
        }
    }
}
