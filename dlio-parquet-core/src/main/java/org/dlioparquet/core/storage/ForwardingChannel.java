package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;

/** A channel that passes every call to another; subclasses override the calls they change. */
public class ForwardingChannel implements SeekableByteChannel {
    private final SeekableByteChannel delegate;

    public ForwardingChannel(SeekableByteChannel delegate) {
        this.delegate = delegate;
    }

    /**
     * Writes at given positions, from several threads at once, when every layer down to a
     * {@code FileChannel} takes them. None by default: a layer that watches what is written (a
     * byte count, a checksum, an upload) must pass them on itself.
     */
    public Optional<PositionalWriter> positionalWriter() {
        return Optional.empty();
    }

    /** The positional writer of the channel below, for a layer that passes them on. */
    protected final Optional<PositionalWriter> delegatePositionalWriter() {
        return PositionalWriter.of(delegate);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return delegate.write(src);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        delegate.truncate(size);
        return this;
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
