package org.dlioparquet.core.format.parquet.codec;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A {@link BlockCodec} working on arrays behind the byte-buffer page interfaces: buffers without
 * an accessible array are copied through reused scratch arrays. Used for the codecs that have no
 * direct-buffer API here (GZIP, LZ4) and for heap buffers.
 */
final class ArrayPageCodec implements PageDecompressor, PageCompressor {
    private final BlockCodec codec;
    private final GrowableBytes in = new GrowableBytes();
    private final GrowableBytes out = new GrowableBytes();

    ArrayPageCodec(BlockCodec codec) {
        this.codec = codec;
    }

    @Override
    public void decompress(ByteBuffer src, ByteBuffer dst) throws IOException {
        int len = src.remaining();
        int dstLen = dst.remaining();
        if (src.hasArray() && dst.hasArray()) {
            codec.decompress(src.array(), src.arrayOffset() + src.position(), len,
                    dst.array(), dst.arrayOffset() + dst.position(), dstLen);
            return;
        }
        byte[] source = in.ensureCapacity(len);
        src.get(src.position(), source, 0, len);
        byte[] target = out.ensureCapacity(dstLen);
        codec.decompress(source, 0, len, target, 0, dstLen);
        dst.put(dst.position(), target, 0, dstLen);
    }

    @Override
    public int maxCompressedLength(int length) {
        return codec.maxCompressedLength(length);
    }

    @Override
    public int compress(ByteBuffer src, ByteBuffer dst) throws IOException {
        int len = src.remaining();
        byte[] source = in.ensureCapacity(len);
        src.get(src.position(), source, 0, len);
        byte[] target = out.ensureCapacity(codec.maxCompressedLength(len));
        int n = codec.compress(source, 0, len, target, 0);
        if (n > dst.remaining()) {
            throw new IOException("compressed page of " + n + " bytes does not fit the " + dst.remaining()
                    + " bytes left in the output buffer");
        }
        dst.put(dst.position(), target, 0, n);
        return n;
    }

    @Override
    public void release() {
        codec.release();
    }
}
