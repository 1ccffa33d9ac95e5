package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only channel over an open file with a position of its own, for libraries that parse
 * through a {@link SeekableByteChannel} (commons-compress, jHDF): subclasses say how a read is
 * served (counted, kept); closing it leaves the file open for its owner, who diagnoses a failure
 * on the same file. Internal: public only for the library's own packages.
 */
public abstract class FileView implements SeekableByteChannel {
    protected final FileChannel file;
    private long position;

    protected FileView(FileChannel file) {
        this.file = file;
    }

    @Override
    public final int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public final long position() {
        return position;
    }

    @Override
    public final SeekableByteChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public final long size() throws IOException {
        return file.size();
    }

    @Override
    public final SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public final boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public final void close() {
        // the owner closes the file
    }
}
