package org.dlioparquet.core.format.tfrecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.util.zip.CRC32C;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.SeededContent;
import org.dlioparquet.core.storage.DirectBufferPool;

/**
 * Writes DLIO's TFRecord file ({@code tf_generator.py}): one {@code tf.train.Example} per sample,
 * framed as {@code tf.io.TFRecordWriter} frames it (no compression). Records are assembled in one
 * direct block that is written whole: the image bytes are drawn into it, checksummed and written
 * while they are still in the core's cache, with no copy in between, so memory stays one block
 * whatever the sample size.
 */
final class TfRecordGenerator implements FileGenerator {
    /**
     * The bench's FileChannel baseline's write size: 256 KiB blocks (for the L2 cache) generated
     * 12 % slower than 1 MiB ones here, the write calls' own cost outweighing the cache's gain.
     */
    static final int BLOCK = 1 << 20;
    /** Blocks kept between files: about one per writer thread. */
    private static final int SPARE_BLOCKS = 16;

    private final ElementType type;
    private final DirectBufferPool blocks = new DirectBufferPool(SPARE_BLOCKS);

    TfRecordGenerator(ElementType type) {
        this.type = type;
    }

    @Override
    public void write(FileSpec spec, SeekableByteChannel out) throws IOException {
        long imageBytes = spec.sampleBytes(type);
        ExampleCodec.Layout layout = ExampleCodec.layout(imageBytes, imageBytes);
        byte[] header = TfRecordFraming.header(layout.payloadLength()).array();
        ByteBuffer block = blocks.take(BLOCK);
        try {
            BlockWriter writer = new BlockWriter(block, out);
            CRC32C crc = new CRC32C();
            for (int k = 0; k < spec.numSamples(); k++) {
                writer.put(header, null);
                crc.reset();
                writer.put(layout.prefix(), crc);
                SeededContent content = new SeededContent(spec.sampleSeed(k));
                for (long done = 0; done < imageBytes; ) {
                    done += writer.fill(content, imageBytes - done, crc);
                }
                writer.put(layout.suffix(), crc);
                writer.putInt(TfRecordFraming.mask((int) crc.getValue()));
            }
            writer.flush();
        } finally {
            blocks.give(block);
        }
    }

    /** Appends to the block, writing it out whenever it is full. */
    private final class BlockWriter {
        private final ByteBuffer block;
        private final SeekableByteChannel out;

        BlockWriter(ByteBuffer block, SeekableByteChannel out) {
            this.block = block.clear().order(ByteOrder.LITTLE_ENDIAN);
            this.out = out;
        }

        void put(byte[] bytes, CRC32C crc) throws IOException {
            for (int at = 0; at < bytes.length; ) {
                if (!block.hasRemaining()) {
                    flush();
                }
                int n = Math.min(block.remaining(), bytes.length - at);
                block.put(bytes, at, n);
                if (crc != null) {
                    crc.update(bytes, at, n);
                }
                at += n;
            }
        }

        void putInt(int value) throws IOException {
            if (block.remaining() < Integer.BYTES) {
                flush();
            }
            block.putInt(value);
        }

        /**
         * Draws up to {@code left} image bytes into the block and checksums them; returns how many.
         * Only the last piece of a sample may end off a multiple of 8 bytes, as {@link SeededContent}
         * requires for a stream filled in pieces.
         */
        long fill(SeededContent content, long left, CRC32C crc) throws IOException {
            int n = left <= block.remaining() ? (int) left : block.remaining() & ~7;
            if (n == 0) {
                flush();
                n = (int) Math.min(left, block.remaining());
            }
            int at = block.position();
            ByteBuffer piece = block.duplicate().limit(at + n);
            content.fill(piece, type);
            crc.update(piece.flip().position(at));
            block.position(at + n);
            return n;
        }

        void flush() throws IOException {
            block.flip();
            while (block.hasRemaining()) {
                out.write(block);
            }
            block.clear();
        }
    }
}
