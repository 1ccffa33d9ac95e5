package org.dlioparquet.core.format.parquet.codec;

import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Compresses pages into a reused output buffer. parquet-java copies the returned bytes into its
 * column chunk buffer before it compresses the next page (its own codecs reuse buffers the same way).
 */
final class BlockCompressor implements BytesInputCompressor {
    private final CompressionCodecName name;
    private final BlockCodec codec;
    private final GrowableBytes input = new GrowableBytes();
    private final GrowableBytes output = new GrowableBytes();

    BlockCompressor(CompressionCodecName name, BlockCodec codec) {
        this.name = name;
        this.codec = codec;
    }

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
        input.reset();
        bytes.writeAllTo(input);
        int len = input.size();
        byte[] out = output.ensureCapacity(codec.maxCompressedLength(len));
        int n = codec.compress(input.array(), 0, len, out, 0);
        return BytesInput.from(out, 0, n);
    }

    @Override
    public CompressionCodecName getCodecName() {
        return name;
    }

    @Override
    public void release() {
        codec.release();
    }
}
