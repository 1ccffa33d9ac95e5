package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.OptionalInt;
import java.util.zip.CRC32C;

/**
 * Computes the CRC32C of a file while it is written, when it is written front to back. A writer
 * that seeks back to patch bytes (a ZIP's local headers) makes the running checksum useless; the
 * caller then reads the finished file once instead.
 */
public final class ChecksummingChannel extends ForwardingChannel {
    private final CRC32C crc = new CRC32C();
    private long appended;
    private boolean sequential = true;

    public ChecksummingChannel(SeekableByteChannel delegate) {
        super(delegate);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        long at = position();
        ByteBuffer view = src.duplicate();
        int n = super.write(src);
        if (sequential && at == appended) {
            view.limit(view.position() + n);
            crc.update(view);
            appended += n;
        } else {
            sequential = false;
        }
        return n;
    }

    /** The CRC32C of everything written, if it was written front to back. */
    public OptionalInt crc32c() {
        return sequential ? OptionalInt.of((int) crc.getValue()) : OptionalInt.empty();
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        if (size < appended) {
            sequential = false;
        }
        return super.truncate(size);
    }
}
