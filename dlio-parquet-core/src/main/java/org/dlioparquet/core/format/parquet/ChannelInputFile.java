package org.dlioparquet.core.format.parquet;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.dlioparquet.core.storage.ObjectReaderChannel;
import org.dlioparquet.core.storage.ReadWindow;

/**
 * parquet-java's input over an open {@link FileChannel}: positional reads straight into the
 * caller's buffer (the stock {@code LocalInputFile} reads into a temporary array and copies), and a
 * count of every byte read from storage, which is what {@code bytesRead()} reports. With
 * {@link RetainedRanges}, bytes read once are served from memory when asked for again. Storage
 * failures leave the stream marked as {@link StorageIOException}, so that they are not mistaken
 * for a corrupt file.
 */
final class ChannelInputFile implements InputFile {
    private final Path path;
    private final FileChannel channel;
    private final long length;
    /** Bytes kept once read, or null to read from storage every time. */
    private final RetainedRanges retained;
    private long bytesRead;

    ChannelInputFile(Path path, FileChannel channel, long length) {
        this(path, channel, length, null);
    }

    ChannelInputFile(Path path, FileChannel channel, long length, RetainedRanges retained) {
        this.path = path;
        this.channel = channel;
        this.length = length;
        this.retained = retained;
    }

    /** parquet-java puts this into some of its messages. */
    @Override
    public String toString() {
        return path.toString();
    }

    /**
     * Says that file bytes {@code [position, position + length)} will be read next (a row group's
     * projected chunks): an object store fetches them now as one range, in parallel parts; a local
     * file ignores it.
     */
    void willRead(long position, long length) throws IOException {
        if (channel instanceof ObjectReaderChannel object) {
            object.prefetch(position, length);
        }
    }

    /**
     * Says that file bytes {@code [from, to)} are read next, front to back: a direct channel reads
     * them ahead and nothing past them ({@link ReadWindow}); other channels ignore it.
     */
    void readWindow(long from, long to) throws IOException {
        ReadWindow.tell(channel, from, to);
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public SeekableInputStream newStream() {
        return new Stream();
    }

    long bytesRead() {
        return bytesRead;
    }

    /** Bytes of memory kept by {@link RetainedRanges}. */
    long retainedBytes() {
        return retained == null ? 0 : retained.bytes();
    }

    /**
     * Reads {@code dst.remaining()} bytes at {@code position}.
     *
     * @throws EOFException when the file ends first; other IOExceptions are the storage's own
     */
    void readFully(ByteBuffer dst, long position) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int n = readAt(dst, pos);
            if (n < 0) {
                throw new EOFException("unexpected end of file at byte " + pos + " (file is " + length + " bytes)");
            }
            pos += n;
        }
    }

    private int readAt(ByteBuffer dst, long position) throws IOException {
        if (position >= length) {
            return dst.hasRemaining() ? -1 : 0;
        }
        if (retained == null) {
            int n = channel.read(dst, position);
            if (n > 0) {
                bytesRead += n;
            }
            return n;
        }
        int copied = retained.copy(position, dst);
        if (copied > 0) {
            return copied;
        }
        // read from storage up to the next range kept, and keep what was read
        ByteBuffer part = dst.duplicate();
        long gap = retained.unkeptFrom(position);
        if (gap < part.remaining()) {
            part.limit(part.position() + (int) gap);
        }
        int start = part.position();
        int n = channel.read(part, position);
        if (n > 0) {
            bytesRead += n;
            dst.position(start + n);
            retained.keep(position, part.duplicate().limit(start + n).position(start), n);
        }
        return n;
    }

    private final class Stream extends SeekableInputStream {
        private long pos;

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void seek(long newPos) throws IOException {
            if (newPos < 0) {
                throw new EOFException("negative seek offset " + newPos);
            }
            pos = newPos;
        }

        @Override
        public int read() throws IOException {
            ByteBuffer one = ByteBuffer.allocate(1);
            int n = read(one);
            return n <= 0 ? -1 : one.get(0) & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n;
            try {
                n = readAt(dst, pos);
            } catch (IOException e) {
                throw new StorageIOException(e);
            }
            if (n > 0) {
                pos += n;
            }
            return n;
        }

        @Override
        public void readFully(byte[] bytes) throws IOException {
            readFully(ByteBuffer.wrap(bytes));
        }

        @Override
        public void readFully(byte[] bytes, int start, int len) throws IOException {
            readFully(ByteBuffer.wrap(bytes, start, len));
        }

        @Override
        public void readFully(ByteBuffer dst) throws IOException {
            int n = dst.remaining();
            try {
                ChannelInputFile.this.readFully(dst, pos);
            } catch (EOFException e) {
                throw e;
            } catch (IOException e) {
                throw new StorageIOException(e);
            }
            pos += n;
        }

        @Override
        public long skip(long n) {
            long skipped = Math.max(0, Math.min(n, length - pos));
            pos += skipped;
            return skipped;
        }

        @Override
        public void close() {
            // the channel belongs to the open SampleFile
        }
    }
}
