package org.dlioparquet.core.storage;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How every format reader opens a data file: a plain {@link FileChannel}, or with
 * {@code reader.odirect} one that reads with O_DIRECT, past the page cache, so that a run measures
 * the device rather than memory. Readers use positional reads either way and need not know which.
 */
public final class ReadChannels {
    /** Size of the aligned bounce buffer of a direct channel. */
    public static final int DIRECT_BOUNCE_BYTES = 1 << 20;

    private ReadChannels() {
    }

    /**
     * Opens {@code file} for reading.
     *
     * @throws DirectIoUnsupportedException when {@code odirect} and the file system refuses it
     */
    public static FileChannel open(Path file, boolean odirect) throws IOException {
        if (!odirect) {
            return FileChannel.open(file, StandardOpenOption.READ);
        }
        return openDirect(file, f -> FileChannel.open(f, StandardOpenOption.READ, ExtendedOpenOption.DIRECT));
    }

    /** Opens a file with O_DIRECT; a seam so tests can stand in for a file system that refuses it. */
    interface DirectOpener {
        FileChannel open(Path file) throws IOException;
    }

    static FileChannel openDirect(Path file, DirectOpener opener) throws IOException {
        int block = blockSize(file);
        FileChannel ch;
        try {
            ch = opener.open(file);
        } catch (UnsupportedOperationException e) {
            throw new DirectIoUnsupportedException(file.toString(), "this JVM or platform has no O_DIRECT");
        } catch (FileSystemException e) {
            if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.nio.file.AccessDeniedException) {
                throw e;
            }
            throw new DirectIoUnsupportedException(file.toString(), String.valueOf(e.getReason()));
        }
        DirectReadChannel channel = new DirectReadChannel(ch, block, DIRECT_BOUNCE_BYTES);
        probe(file, channel);
        return channel;
    }

    /** Some file systems accept the flag at open and refuse the first read (EINVAL). */
    private static void probe(Path file, DirectReadChannel channel) throws IOException {
        try {
            if (channel.size() > 0) {
                channel.read(ByteBuffer.allocate(1), 0);
            }
        } catch (IOException e) {
            channel.close();
            throw new DirectIoUnsupportedException(file.toString(), e.getMessage());
        }
    }

    private static int blockSize(Path file) throws IOException {
        long b;
        try {
            b = Files.getFileStore(file).getBlockSize();
        } catch (UnsupportedOperationException e) {
            b = 4096;
        }
        // O_DIRECT alignment is the logical block size; 4096 covers every common device
        return (int) Math.max(4096, Math.min(b, 1 << 16));
    }
}
