package org.dlioparquet.core.storage.hadoop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.StreamCapabilities;
import org.dlioparquet.core.spi.ObjectReader;
import org.dlioparquet.core.storage.ObjectReaderChannel;

/**
 * A Hadoop file open for positional reads ({@code pread}): straight into the caller's buffer where
 * the stream can (HDFS), else through a byte array.
 */
final class HadoopObjectReader implements ObjectReader {
    private final FSDataInputStream in;
    private final String name;
    private final long size;
    private final boolean byteBufferReads;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    HadoopObjectReader(FSDataInputStream in, String name, long size) {
        this.in = in;
        this.name = name;
        this.size = size;
        this.byteBufferReads = in.hasCapability(StreamCapabilities.PREADBYTEBUFFER);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("negative position");
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (position >= size) {
            return -1;
        }
        int n;
        try {
            if (byteBufferReads) {
                n = in.read(position, dst);
            } else if (dst.hasArray()) {
                n = in.read(position, dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
                if (n > 0) {
                    dst.position(dst.position() + n);
                }
            } else {
                byte[] tmp = new byte[dst.remaining()];
                n = in.read(position, tmp, 0, tmp.length);
                if (n > 0) {
                    dst.put(tmp, 0, n);
                }
            }
        } catch (IOException e) {
            throw HadoopErrors.translate(name, "read at " + position, e);
        }
        requests.incrementAndGet();
        if (n > 0) {
            bytes.addAndGet(n);
        }
        return n;
    }

    @Override
    public long bytesFetched() {
        return bytes.get();
    }

    @Override
    public long requests() {
        return requests.get();
    }

    @Override
    public FileChannel asFileChannel() {
        return new ObjectReaderChannel(this, name);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
