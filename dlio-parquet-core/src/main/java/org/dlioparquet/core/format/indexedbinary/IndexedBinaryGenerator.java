package org.dlioparquet.core.format.indexedbinary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.SeededContent;
import org.dlioparquet.core.storage.DirectBufferPool;

/**
 * Writes an indexed-binary data file: the samples' bytes back to back, each from its own seeded
 * stream, through one pooled direct block of 256 KiB (DLIO holds a 2 GiB buffer): small enough to
 * stay in the core's cache between the fill and the write's copy, and written with no copy through
 * the JDK's temporary direct buffer. The index tables are companions.
 */
final class IndexedBinaryGenerator implements FileGenerator {
    static final int BLOCK = 256 << 10;
    /** Blocks kept between files: about one per writer thread. */
    private static final int SPARE_BLOCKS = 16;

    private final ElementType type;
    private final DirectBufferPool blocks = new DirectBufferPool(SPARE_BLOCKS);

    IndexedBinaryGenerator(ElementType type) {
        this.type = type;
    }

    @Override
    public void write(FileSpec spec, SeekableByteChannel out) throws IOException {
        long sampleBytes = spec.sampleBytes(type);
        ByteBuffer block = blocks.take(BLOCK);
        try {
            fill(spec, sampleBytes, block, out);
        } finally {
            blocks.give(block);
        }
    }

    private void fill(FileSpec spec, long sampleBytes, ByteBuffer block, SeekableByteChannel out) throws IOException {
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
