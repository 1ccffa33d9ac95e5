package org.dlioparquet.core.format.indexedbinary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.SeededContent;

/**
 * Writes an indexed-binary data file: the samples' bytes back to back, each from its own seeded
 * stream, in blocks of at most 1 MiB (DLIO holds a 2 GiB buffer). The index tables are companions.
 */
final class IndexedBinaryGenerator implements FileGenerator {
    private static final int BLOCK = 1 << 20;

    private final ElementType type;

    IndexedBinaryGenerator(ElementType type) {
        this.type = type;
    }

    @Override
    public void write(FileSpec spec, SeekableByteChannel out) throws IOException {
        long sampleBytes = spec.sampleBytes(type);
        long total = sampleBytes * spec.numSamples();
        ByteBuffer block = ByteBuffer.allocate((int) Math.max(8, Math.min(BLOCK, total)));
        for (int k = 0; k < spec.numSamples(); k++) {
            SeededContent content = new SeededContent(spec.sampleSeed(k));
            for (long done = 0; done < sampleBytes; ) {
                long left = sampleBytes - done;
                if (block.remaining() < Math.min(8, left)) {
                    drain(block, out);
                }
                // whole 8-byte words except at a sample's end, so the bytes do not depend on the blocks
                int len = (int) Math.min(block.remaining() & ~7, left);
                if (len == 0) {
                    len = (int) left; // under 8 bytes left of the sample, and they fit
                }
                int limit = block.limit();
                block.limit(block.position() + len);
                content.fill(block, type);
                block.limit(limit);
                done += len;
            }
        }
        drain(block, out);
    }

    private static void drain(ByteBuffer block, SeekableByteChannel out) throws IOException {
        block.flip();
        while (block.hasRemaining()) {
            out.write(block);
        }
        block.clear();
    }
}
