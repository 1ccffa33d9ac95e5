package org.dlioparquet.core.format.parquet.codec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import java.io.IOException;
import java.nio.ByteBuffer;

/** ZSTD pages between direct buffers through zstd-jni, without a heap copy; heap buffers go through arrays. */
final class ZstdPageCodec implements PageDecompressor, PageCompressor {
    private final int level;
    private final ArrayPageCodec arrays;

    ZstdPageCodec(int level) {
        this.level = level;
        this.arrays = new ArrayPageCodec(new ZstdBlockCodec(level));
    }

    @Override
    public void decompress(ByteBuffer src, ByteBuffer dst) throws IOException {
        if (!src.isDirect() || !dst.isDirect()) {
            arrays.decompress(src, dst);
            return;
        }
        int dstLen = dst.remaining();
        long n;
        try {
            n = Zstd.decompressDirectByteBuffer(dst, dst.position(), dstLen, src, src.position(), src.remaining());
        } catch (ZstdException e) {
            throw ZstdBlockCodec.corrupt(e, dstLen);
        }
        ZstdBlockCodec.checkDecompressed(n, dstLen);
    }

    @Override
    public int maxCompressedLength(int length) {
        return Math.toIntExact(Zstd.compressBound(length));
    }

    @Override
    public int compress(ByteBuffer src, ByteBuffer dst) throws IOException {
        if (!src.isDirect() || !dst.isDirect()) {
            return arrays.compress(src, dst);
        }
        long n;
        try {
            n = Zstd.compressDirectByteBuffer(dst, dst.position(), dst.remaining(), src, src.position(),
                    src.remaining(), level);
        } catch (ZstdException e) {
            throw ZstdBlockCodec.compressionFailed(e);
        }
        return ZstdBlockCodec.compressedLength(n);
    }
}
