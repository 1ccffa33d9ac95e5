package org.dlioparquet.core.storage.hadoop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.dlioparquet.core.storage.SpooledObjectWriter;

/** A Hadoop file whose writer seeks back: spooled locally, copied under its temporary name, renamed. */
final class HadoopSpooledWriter extends SpooledObjectWriter {
    private final HadoopStorage storage;
    private final Path partial;
    private final Path target;

    HadoopSpooledWriter(HadoopStorage storage, Path partial, Path target) throws IOException {
        super(target.getName());
        this.storage = storage;
        this.partial = partial;
        this.target = target;
    }

    @Override
    protected void upload(FileChannel content, long size, boolean durable) throws IOException {
        byte[] chunk = new byte[(int) Math.min(Math.max(size, 1), 1 << 20)];
        boolean copied = false;
        try (FSDataOutputStream out = storage.fileSystem().create(partial, true)) {
            long at = 0;
            while (at < size) {
                ByteBuffer b = ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, size - at));
                while (b.hasRemaining()) {
                    if (content.read(b, at + b.position()) < 0) {
                        throw new IOException("spool file ended early");
                    }
                }
                out.write(chunk, 0, b.limit());
                at += b.limit();
            }
            if (durable) {
                out.hsync();
            }
            copied = true;
        } catch (IOException e) {
            storage.discard(partial);
            throw HadoopErrors.translate(target.toString(), "write", e);
        }
        if (copied) {
            try {
                storage.publish(partial, target);
            } catch (IOException e) {
                storage.discard(partial);
                throw e;
            }
        }
    }
}
