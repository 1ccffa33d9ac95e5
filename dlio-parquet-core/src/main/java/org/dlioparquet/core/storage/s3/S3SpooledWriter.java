package org.dlioparquet.core.storage.s3;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.dlioparquet.core.storage.SpooledObjectWriter;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A {@link org.dlioparquet.core.spi.WriteMode#SEEKABLE} S3 object: written to a local spool, then
 * uploaded on publish, as one PUT or as parallel parts read from the spool.
 */
final class S3SpooledWriter extends SpooledObjectWriter {
    private final S3Connection connection;
    private final String bucket;
    private final String key;
    private final String name;

    S3SpooledWriter(S3Connection connection, String bucket, String key, String name) throws IOException {
        super(connection.settings.spoolFolder(), key);
        this.connection = connection;
        this.bucket = bucket;
        this.key = key;
        this.name = name;
    }

    @Override
    protected void upload(FileChannel content, long size, boolean durable) throws IOException {
        S3MultipartUpload upload = new S3MultipartUpload(connection, bucket, key, name);
        if (size <= upload.partBytes()) {
            byte[] bytes = new byte[(int) size];
            readFully(content, ByteBuffer.wrap(bytes), 0);
            try {
                connection.client.putObject(p -> p.bucket(bucket).key(key).contentLength(size),
                        RequestBody.fromBytes(bytes));
            } catch (SdkException e) {
                throw connection.errors.translate(name, bucket, "PUT", e);
            }
            return;
        }
        try {
            for (long at = 0; at < size; at += upload.partBytes()) {
                byte[] buffer = upload.takeBuffer();
                int length = (int) Math.min(upload.partBytes(), size - at);
                readFully(content, ByteBuffer.wrap(buffer, 0, length), at);
                upload.submit(buffer, length);
            }
            upload.complete();
        } catch (IOException | RuntimeException e) {
            upload.abort(e);
            throw e;
        }
    }

    private static void readFully(FileChannel file, ByteBuffer dst, long position) throws IOException {
        long at = position;
        while (dst.hasRemaining()) {
            int n = file.read(dst, at);
            if (n < 0) {
                throw new IOException("spool file ended early at " + at);
            }
            at += n;
        }
    }
}
