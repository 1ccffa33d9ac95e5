package org.dlioparquet.core.storage.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import org.dlioparquet.core.spi.ObjectReader;
import org.dlioparquet.core.spi.ObjectWriter;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A {@link org.dlioparquet.core.spi.WriteMode#SEQUENTIAL} S3 object: bytes fill a part-sized
 * buffer; an object that fits in one part is one PUT on publish, a larger one becomes a multipart
 * upload whose parts go out while the next fills (bounded memory, a checkpoint of any size). The
 * object appears only when publish completes the upload; closing unpublished aborts it.
 */
final class S3StreamingWriter implements ObjectWriter {
    private static final int FIRST_BUFFER = 256 * 1024;
    private final S3Connection connection;
    private final String bucket;
    private final String key;
    private final String name;
    private final S3MultipartUpload upload;
    private byte[] buffer;
    private int filled;
    private long written;
    private boolean published;
    private boolean closed;

    S3StreamingWriter(S3Connection connection, String bucket, String key, String name) throws IOException {
        this.connection = connection;
        this.bucket = bucket;
        this.key = key;
        this.name = name;
        this.upload = new S3MultipartUpload(connection, bucket, key, name);
        // most dataset files are far smaller than a part: grow towards a part instead of taking one up front
        this.buffer = new byte[Math.min(upload.partBytes(), FIRST_BUFFER)];
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ensureOpen();
        int n = src.remaining();
        while (src.hasRemaining()) {
            if (filled == buffer.length && buffer.length < upload.partBytes()) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(upload.partBytes(), 2L * buffer.length));
            } else if (filled == buffer.length) {
                upload.submit(buffer, filled);
                buffer = upload.takeBuffer();
                filled = 0;
            }
            int take = Math.min(src.remaining(), buffer.length - filled);
            src.get(buffer, filled, take);
            filled += take;
        }
        written += n;
        return n;
    }

    @Override
    public long publish(boolean durable) throws IOException {
        ensureOpen();
        try {
            if (!upload.started()) {
                int length = filled;
                byte[] bytes = buffer;
                connection.client.putObject(p -> p.bucket(bucket).key(key).contentLength((long) length),
                        RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                                "application/octet-stream"));
            } else {
                if (filled > 0) {
                    upload.submit(buffer, filled);
                    buffer = null;
                }
                upload.complete();
            }
            published = true;
            return written;
        } catch (SdkException e) {
            throw connection.errors.translate(name, bucket, "PUT", e);
        } finally {
            close();
        }
    }

    /** The bytes went out part by part as they came; nothing is kept to read back. */
    @Override
    public ObjectReader readBack() {
        throw new UnsupportedOperationException(name + ": streamed to S3 as written; open it with WriteMode.SEEKABLE "
                + "to read it back before publishing");
    }

    @Override
    public long position() {
        return written;
    }

    /** Only where it already is: the bytes before it may be on their way. */
    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        if (newPosition != written) {
            throw new IOException(name + ": cannot seek to " + newPosition + " while streaming (at " + written
                    + "); this format needs WriteMode.SEEKABLE");
        }
        return this;
    }

    @Override
    public long size() {
        return written;
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
        if (size < written) {
            throw new IOException(name + ": cannot truncate while streaming");
        }
        return this;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        throw new IOException(name + ": open for writing only");
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!published) {
            upload.abort(null);
        }
        buffer = null;
    }
}
