package org.dlioparquet.core.format.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.dlioparquet.core.DataFileException;

/** Positional reads of one byte range of a file (no shared file position, so no seeking state). */
final class FileRangeSource implements RangeSource {
    private final Path file;
    private final FileChannel channel;
    private long position;
    private long end;
    private long bytesRead;
    private byte[] wrappedArray;
    private ByteBuffer wrapped;

    FileRangeSource(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    @Override
    public void select(long start, long end) {
        this.position = start;
        this.end = end;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (position >= end) {
            return -1;
        }
        if (b != wrappedArray) {
            wrappedArray = b;
            wrapped = ByteBuffer.wrap(b);
        }
        int want = (int) Math.min(len, end - position);
        wrapped.limit(off + want).position(off);
        int n;
        do {
            n = channel.read(wrapped, position); // a file channel returns 0 only for a full buffer, never here
        } while (n == 0);
        if (n < 0) {
            throw new DataFileException(file, "file ends at byte " + position + " but held " + end
                    + " bytes when it was opened (changed while being read?)");
        }
        position += n;
        bytesRead += n;
        return n;
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }
}
