package org.dlioparquet.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalInt;
import java.util.zip.CRC32C;

/**
 * Computes the CRC32C of a file while it is written, when it is written front to back. A writer
 * that seeks back to patch bytes (a ZIP's local headers) makes the running checksum useless; the
 * caller then reads the finished file once instead.
 */
public final class ChecksummingChannel extends ForwardingChannel {
    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1 << 20));

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

    /** The CRC32C of a whole file. */
    public static int crc32cOf(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return crc32cOf(channel);
        }
    }

    /** The CRC32C of a channel's bytes from position 0, read through one reused direct buffer per thread. */
    public static int crc32cOf(FileChannel channel) throws IOException {
        CRC32C sum = new CRC32C();
        ByteBuffer b = READ_BUFFER.get();
        long pos = 0;
        while (true) {
            b.clear();
            int n = channel.read(b, pos);
            if (n < 0) {
                break;
            }
            pos += n;
            b.flip();
            sum.update(b);
        }
        return (int) sum.getValue();
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
