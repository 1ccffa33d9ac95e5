package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * parquet-java's output target over the channel a generator is handed. parquet-java's own
 * {@code LocalOutputFile} writes through {@code Files.newOutputStream}, which copies large heap
 * buffers into fresh temporary direct buffers; here every write is staged in one reused direct
 * buffer and goes to the channel in 1 MiB blocks. Closing the stream drains it but leaves the
 * channel open: it belongs to the caller.
 */
final class ChannelOutputFile implements OutputFile {
    private final SeekableByteChannel channel;
    private final String name;

    ChannelOutputFile(SeekableByteChannel channel, String name) {
        this.channel = channel;
        this.name = name;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        return new ChannelStream(channel);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        return new ChannelStream(channel);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return name;
    }

    private static final class ChannelStream extends PositionOutputStream {
        private static final int STAGING_BYTES = 1 << 20;
        /** One staging buffer per writer thread; direct buffers are costly to allocate and free. */
        private static final ThreadLocal<ByteBuffer> SPARE = new ThreadLocal<>();

        private final SeekableByteChannel channel;
        private ByteBuffer staging;
        private long drained;

        ChannelStream(SeekableByteChannel channel) {
            this.channel = channel;
            ByteBuffer spare = SPARE.get();
            SPARE.remove();
            this.staging = spare != null ? spare : ByteBuffer.allocateDirect(STAGING_BYTES);
            staging.clear();
        }

        @Override
        public long getPos() {
            return drained + staging.position();
        }

        @Override
        public void write(int b) throws IOException {
            if (!staging.hasRemaining()) {
                drain();
            }
            staging.put((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (!staging.hasRemaining()) {
                    drain();
                }
                int n = Math.min(len, staging.remaining());
                staging.put(b, off, n);
                off += n;
                len -= n;
            }
        }

        @Override
        public void flush() throws IOException {
            drain();
        }

        @Override
        public void close() throws IOException {
            if (staging == null) {
                return;
            }
            drain();
            SPARE.set(staging);
            staging = null;
        }

        private void drain() throws IOException {
            staging.flip();
            while (staging.hasRemaining()) {
                drained += channel.write(staging);
            }
            staging.clear();
        }
    }
}
