package org.dlioparquet.core.format.parquet.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.ByteBufferReleaser;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;

/**
 * Decompresses pages after the size limit has approved the size their header declares. Every page
 * gets a fresh array: decoded values are zero-copy slices of it and stay in use for the whole row group.
 */
final class BlockDecompressor implements BytesInputDecompressor {
    private final BlockCodec codec;
    private final PageSizeLimit limit;
    private final GrowableBytes scratch = new GrowableBytes();

    BlockDecompressor(BlockCodec codec, PageSizeLimit limit) {
        this.codec = codec;
        this.limit = limit;
    }

    @Override
    public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
        limit.check(uncompressedSize);
        byte[] out = new byte[uncompressedSize];
        // a page in one buffer comes as a slice; one spread over several buffers is joined into a heap copy
        try (ByteBufferReleaser releaser = new ByteBufferReleaser(HeapByteBufferAllocator.getInstance())) {
            decompress(bytes.toByteBuffer(releaser), out, 0, uncompressedSize);
        }
        return BytesInput.from(out);
    }

    /** Fills {@code output} from its position and leaves the position after the page (parquet flips it). */
    @Override
    public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
            throws IOException {
        limit.check(uncompressedSize);
        if (output.remaining() < uncompressedSize) {
            throw new IOException("output buffer has " + output.remaining() + " bytes left for a page of "
                    + uncompressedSize);
        }
        ByteBuffer src = input.duplicate();
        src.limit(src.position() + compressedSize);
        if (output.hasArray()) {
            decompress(src, output.array(), output.arrayOffset() + output.position(), uncompressedSize);
            output.position(output.position() + uncompressedSize);
        } else {
            byte[] out = new byte[uncompressedSize];
            decompress(src, out, 0, uncompressedSize);
            output.put(out);
        }
    }

    private void decompress(ByteBuffer src, byte[] out, int outOff, int outLen) throws IOException {
        int len = src.remaining();
        if (src.hasArray()) {
            codec.decompress(src.array(), src.arrayOffset() + src.position(), len, out, outOff, outLen);
        } else {
            byte[] copy = scratch.ensureCapacity(len);
            src.duplicate().get(copy, 0, len);
            codec.decompress(copy, 0, len, out, outOff, outLen);
        }
    }

    @Override
    public void release() {
    }
}
