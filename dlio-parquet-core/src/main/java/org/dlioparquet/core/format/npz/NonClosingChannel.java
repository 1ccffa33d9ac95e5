package org.dlioparquet.core.format.npz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/** Lets a ZipArchiveOutputStream be closed (to free its Deflater) without closing the caller's channel. */
final class NonClosingChannel implements SeekableByteChannel {
    private final SeekableByteChannel out;

    NonClosingChannel(SeekableByteChannel out) {
        this.out = out;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return out.read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return out.write(src);
    }

    @Override
    public long position() throws IOException {
        return out.position();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        out.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return out.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        out.truncate(size);
        return this;
    }

    @Override
    public boolean isOpen() {
        return out.isOpen();
    }

    @Override
    public void close() {
        // the caller owns the channel
    }
}
