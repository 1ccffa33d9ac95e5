package org.dlioparquet.core.storage.hadoop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SeekableByteChannel;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.dlioparquet.core.spi.ObjectReader;
import org.dlioparquet.core.spi.ObjectWriter;

/**
 * A Hadoop file written front to back under its temporary name, renamed on publish. Hadoop's
 * output streams cannot seek; {@link org.dlioparquet.core.spi.WriteMode#SEEKABLE} spools instead.
 */
final class HadoopStreamWriter implements ObjectWriter {
    private final HadoopStorage storage;
    private final FSDataOutputStream out;
    private final Path partial;
    private final Path target;
    private byte[] copy = new byte[0];
    private boolean published;
    private boolean closed;

    HadoopStreamWriter(HadoopStorage storage, FSDataOutputStream out, Path partial, Path target) {
        this.storage = storage;
        this.out = out;
        this.partial = partial;
        this.target = target;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        int n = src.remaining();
        try {
            if (src.hasArray()) {
                out.write(src.array(), src.arrayOffset() + src.position(), n);
                src.position(src.position() + n);
            } else {
                if (copy.length < Math.min(n, 1 << 20)) {
                    copy = new byte[Math.min(n, 1 << 20)];
                }
                while (src.hasRemaining()) {
                    int k = Math.min(src.remaining(), copy.length);
                    src.get(copy, 0, k);
                    out.write(copy, 0, k);
                }
            }
        } catch (IOException e) {
            throw HadoopErrors.translate(target.toString(), "write", e);
        }
        return n;
    }

    @Override
    public long publish(boolean durable) throws IOException {
        long size = out.getPos();
        try {
            if (durable) {
                out.hsync();
            }
            out.close();
        } catch (IOException e) {
            close();
            throw HadoopErrors.translate(target.toString(), "close", e);
        }
        closed = true;
        try {
            storage.publish(partial, target);
        } catch (IOException e) {
            storage.discard(partial);
            throw e;
        }
        published = true;
        return size;
    }

    @Override
    public ObjectReader readBack() {
        throw new UnsupportedOperationException(target + ": written as a stream; open it with WriteMode.SEEKABLE to read "
                + "it back before publishing");
    }

    @Override
    public long position() {
        return out.getPos();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        if (newPosition != out.getPos()) {
            throw new IOException(target + ": cannot seek on a Hadoop output stream; this format needs WriteMode.SEEKABLE");
        }
        return this;
    }

    @Override
    public long size() {
        return out.getPos();
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        if (size < out.getPos()) {
            throw new IOException(target + ": cannot truncate a Hadoop output stream");
        }
        return this;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        throw new IOException(target + ": open for writing only");
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        if (published) {
            return;
        }
        if (!closed) {
            closed = true;
            try {
                out.close();
            } catch (IOException e) {
                // discarded below either way
            }
        }
        storage.discard(partial);
    }
}
