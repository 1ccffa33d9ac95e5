package org.dlioparquet.core.format.parquet.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.xerial.snappy.Snappy;

/** SNAPPY pages between direct buffers through snappy-java, without a heap copy; heap buffers go through arrays. */
final class SnappyPageCodec implements PageDecompressor, PageCompressor {
    private final ArrayPageCodec arrays = new ArrayPageCodec(new SnappyBlockCodec());

    @Override
    public void decompress(ByteBuffer src, ByteBuffer dst) throws IOException {
        if (!src.isDirect() || !dst.isDirect()) {
            arrays.decompress(src, dst);
            return;
        }
        ByteBuffer in = src.duplicate();
        int dstLen = dst.remaining();
        // the block header states its size: check it before the native code writes anything
        SnappyBlockCodec.checkDeclared(Snappy.uncompressedLength(in), dstLen);
        SnappyBlockCodec.checkDecompressed(Snappy.uncompress(in, dst.duplicate()), dstLen);
    }

    @Override
    public int maxCompressedLength(int length) {
        return Snappy.maxCompressedLength(length);
    }

    @Override
    public int compress(ByteBuffer src, ByteBuffer dst) throws IOException {
        if (!src.isDirect() || !dst.isDirect()) {
            return arrays.compress(src, dst);
        }
        return Snappy.compress(src.duplicate(), dst.duplicate());
    }
}
