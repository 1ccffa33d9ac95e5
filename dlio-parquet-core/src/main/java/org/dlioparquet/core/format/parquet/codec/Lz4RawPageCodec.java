package org.dlioparquet.core.format.parquet.codec;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * LZ4_RAW pages through aircompressor's byte-buffer API, which reads and writes direct buffers in
 * place: no copy through the heap. Works on duplicates, as the interfaces promise positions stay.
 * Buffers it cannot address (read-only heap buffers) go through arrays.
 */
final class Lz4RawPageCodec implements PageDecompressor, PageCompressor {
    private final Lz4Compressor compressor = new Lz4Compressor();
    private final Lz4Decompressor decompressor = new Lz4Decompressor();
    private final ArrayPageCodec arrays = new ArrayPageCodec(new Lz4RawBlockCodec());

    @Override
    public void decompress(ByteBuffer src, ByteBuffer dst) throws IOException {
        if (!addressable(src) || !addressable(dst)) {
            arrays.decompress(src, dst);
            return;
        }
        ByteBuffer out = dst.duplicate();
        int dstLen = out.remaining();
        try {
            decompressor.decompress(src.duplicate(), out);
        } catch (MalformedInputException e) {
            throw Lz4RawBlockCodec.corrupt(e);
        }
        Lz4RawBlockCodec.checkDecompressed(dstLen - out.remaining(), dstLen);
    }

    @Override
    public int maxCompressedLength(int length) {
        return compressor.maxCompressedLength(length);
    }

    @Override
    public int compress(ByteBuffer src, ByteBuffer dst) throws IOException {
        if (!addressable(src) || !addressable(dst)) {
            return arrays.compress(src, dst);
        }
        ByteBuffer out = dst.duplicate();
        int start = out.position();
        compressor.compress(src.duplicate(), out);
        return out.position() - start;
    }

    /** Whether aircompressor can reach the buffer's memory (it refuses read-only heap buffers). */
    private static boolean addressable(ByteBuffer b) {
        return b.isDirect() || b.hasArray();
    }
}
