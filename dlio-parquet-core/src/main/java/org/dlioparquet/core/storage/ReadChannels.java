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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
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
    /** Bounce buffers kept between direct channels: the few ranges each reader thread's open files keep. */
    private static final int SPARE_BOUNCE_BUFFERS = 16;

    /** In huge pages where the platform allows: a bounce range is then one segment, one device request. */
    private static final DirectBufferPool BOUNCE_BUFFERS = new DirectBufferPool(SPARE_BOUNCE_BUFFERS,
            HugePageMemory::allocate);
    /** Requests and bytes of every direct channel closed in this process. */
    private static final StorageTraffic DIRECT_TRAFFIC = new StorageTraffic();
    private static final String READER_KEY = "reader.odirect";
    /**
     * Reads in flight on a reader thread's read-ahead lane: with the reader thread's own reads of
     * what was not read ahead, about two per reader thread, as {@code fio --iodepth=2} keeps.
     */
    static final int READ_AHEAD_IN_FLIGHT = 2;
    /**
     * Threads that run the read-aheads of direct channels ({@code reader.odirect_read_ahead}): up to
     * {@link #READ_AHEAD_IN_FLIGHT} per reader thread reading at the moment, made when needed and
     * ended after a while idle.
     */
    private static final ExecutorService READ_AHEAD = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10,
            TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "dlio-odirect-read-ahead");
                t.setDaemon(true);
                return t;
            });
    /** Each reader thread's read-ahead lane, shared by the direct channels it opens. */
    private static final ThreadLocal<ReadLane> LANES = ThreadLocal.withInitial(
            () -> new ReadLane(READ_AHEAD, READ_AHEAD_IN_FLIGHT));
    /** Direct channels opened ahead of their reader ({@link #openAhead}), by absolute path. */
    private static final Map<Path, DirectReadChannel> OPENED_AHEAD = new ConcurrentHashMap<>();
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
        return open(file, odirect, READER_KEY);
    }

    /**
     * Opens {@code file} for reading as a format reader's settings say: with O_DIRECT or not, and
     * with read-ahead on a direct channel ({@code reader.odirect_read_ahead}); a direct channel
     * opened ahead for the file ({@link #openAhead}) is taken instead of opening it again. What
     * direct channels opened here fetch is counted in {@link #directTraffic}.
     *
     * @throws DirectIoUnsupportedException when O_DIRECT is asked for and the file system refuses it
     */
    public static FileChannel open(Path file, ReaderSettings settings) throws IOException {
        if (!settings.odirect()) {
            return open(file, false, READER_KEY);
        }
        ReadObserver observer = ReadObserver.current();
        long t0 = observer == null ? 0 : System.nanoTime();
        FileChannel channel = settings.odirectReadAhead() ? OPENED_AHEAD.remove(file.toAbsolutePath()) : null;
        if (channel == null) {
            channel = openDirect(file, DIRECT, READER_KEY, settings.odirectReadAhead() ? LANES.get() : null,
                    DIRECT_TRAFFIC, settings.sharedFiles());
        }
        return observed(channel, file, observer, t0);
    }

    /**
     * Opens {@code file} with O_DIRECT and read-ahead for the reader thread calling this, which is
     * to read it after the file it reads now, and starts reading the file's first range and its
     * last block on that thread's read-ahead lane: formats read those first, so the next file's
     * first reads overlap the decoding of this one, as the ranges of one file do. The reader's
     * {@link #open(Path, ReaderSettings)} of the file takes it. A failure is left for that open to
     * meet. {@link #releaseOpenedAhead} closes it if no open took it.
     *
     * @param shared other reader threads read parts of the file too ({@link ReaderSettings#sharedFiles})
     */
    public static void openAhead(Path file, boolean shared) {
        Path key = file.toAbsolutePath();
        if (OPENED_AHEAD.containsKey(key)) {
            return;
        }
        DirectReadChannel channel = null;
        try {
            channel = openDirect(file, DIRECT, READER_KEY, LANES.get(), DIRECT_TRAFFIC, shared);
            channel.readAheadStart();
            if (OPENED_AHEAD.putIfAbsent(key, channel) == null) {
                return;
            }
        } catch (IOException | RuntimeException e) {
            // the reader's own open of the file meets the failure again and reports it
        }
        closeQuietly(channel);
    }

    /**
     * Closes the file {@link #openAhead} opened, unless a reader took it meanwhile.
     *
     * @return whether it was still there: no reader's open took it
     */
    public static boolean releaseOpenedAhead(Path file) {
        DirectReadChannel left = OPENED_AHEAD.remove(file.toAbsolutePath());
        closeQuietly(left);
        return left != null;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was read from it: nothing to report
            }
        }
    }

    /**
     * Opens {@code file} for reading; {@code key} names the workload key that asked for O_DIRECT. A
     * reading thread that has a {@link ReadObserver} (a sample-level trace) gets a channel that tells
     * it of every read.
     *
     * @throws DirectIoUnsupportedException when {@code odirect} and the file system refuses it
     */
    public static FileChannel open(Path file, boolean odirect, String key) throws IOException {
        ReadObserver observer = ReadObserver.current();
        long t0 = observer == null ? 0 : System.nanoTime();
        FileChannel channel = odirect ? openDirect(file, DIRECT, key, null, null, false)
                : FileChannel.open(file, StandardOpenOption.READ);
        return observed(channel, file, observer, t0);
    }

    private static FileChannel observed(FileChannel channel, Path file, ReadObserver observer, long t0) {
        if (observer == null) {
            return channel;
        }
        return new ObservedReadChannel(channel, observer, observer.opened(file, t0, System.nanoTime()));
    }

    /** Opens a file with O_DIRECT; a seam so tests can stand in for a file system that refuses it. */
    interface DirectOpener {
        FileChannel open(Path file) throws IOException;
    }

    /** The real O_DIRECT open. */
    private static final DirectOpener DIRECT = f -> FileChannel.open(f, StandardOpenOption.READ,
            ExtendedOpenOption.DIRECT);

    static FileChannel openDirect(Path file, DirectOpener opener) throws IOException {
        return openDirect(file, opener, READER_KEY, null, null, false);
    }

    private static DirectReadChannel openDirect(Path file, DirectOpener opener, String key, Executor readAhead,
                                                StorageTraffic traffic, boolean shared) throws IOException {
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
        DirectReadChannel channel = new DirectReadChannel(ch, block, DIRECT_BOUNCE_BYTES, BOUNCE_BUFFERS, readAhead,
                traffic, shared);
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

    /**
     * What the files read with O_DIRECT in this process cost the device so far: requests, bytes
     * fetched (whole aligned ranges, read-aheads included) and files, counted as each file closes.
     */
    public static StorageTraffic directTraffic() {
        return DIRECT_TRAFFIC;
    }

    /** Capacities of the bounce buffers waiting for the next direct channel (for tests). */
    static List<Integer> bounceBuffersKept() {
        return BOUNCE_BUFFERS.capacities();
    }

    /** Forgets what was learnt about directories (for tests). */
    static void forgetDirectories() {
        synchronized (BLOCK_SIZES) {
            BLOCK_SIZES.clear();
        }
    }
}
