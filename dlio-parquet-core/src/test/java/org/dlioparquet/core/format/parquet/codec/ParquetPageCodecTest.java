package org.dlioparquet.core.format.parquet.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The byte-buffer page codecs of the raw writer and the page-streaming reader. */
class ParquetPageCodecTest {

    /** Half random, half repetitive, as in ParquetCodecFactoryTest. */
    private static byte[] page(int size) {
        byte[] b = new byte[size];
        new Random(7).nextBytes(b);
        for (int i = size / 2; i < size; i++) {
            b[i] = (byte) (i % 7);
        }
        return b;
    }

    private static ByteBuffer buffer(boolean direct, int capacity) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    /** {@code bytes} at position 3 of a buffer with 5 more bytes after its limit. */
    private static ByteBuffer framed(boolean direct, byte[] bytes) {
        ByteBuffer b = buffer(direct, bytes.length + 8);
        b.put(3, bytes);
        return b.position(3).limit(3 + bytes.length);
    }

    private static byte[] remaining(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
    void directAndHeapPagesGiveTheBlockCodecsBytesAndRoundTrip(CompressionCodecName codec) throws IOException {
        for (int size : new int[] {0, 1, 1000, 300_000}) {
            byte[] original = page(size);
            byte[] expected = ParquetCodecFactory.forWriting(3).getCompressor(codec).compress(BytesInput.from(original))
                    .toByteArray();
            for (boolean direct : new boolean[] {true, false}) {
                String what = codec + ", " + size + " bytes, " + (direct ? "direct" : "heap");
                PageCompressor compressor = ParquetCodecFactory.pageCompressor(codec, 3);
                ByteBuffer src = framed(direct, original);
                ByteBuffer dst = buffer(direct, compressor.maxCompressedLength(size) + 10).position(2);
                int n = compressor.compress(src, dst);
                assertThat(src.position()).as(what).isEqualTo(3);
                assertThat(dst.position()).as(what).isEqualTo(2);
                assertThat(remaining(dst.duplicate().limit(2 + n))).as(what).isEqualTo(expected);

                ByteBuffer back = framed(direct, new byte[size]);
                ParquetCodecFactory.pageDecompressor(codec).decompress(dst.duplicate().limit(2 + n), back);
                assertThat(back.position()).as(what).isEqualTo(3);
                assertThat(remaining(back)).as(what).isEqualTo(original);
                compressor.release();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
    void aDirectPageOfAnotherSizeOrGarbageIsAnIOException(CompressionCodecName codec) throws IOException {
        byte[] original = page(10_000);
        PageCompressor compressor = ParquetCodecFactory.pageCompressor(codec, 3);
        ByteBuffer compressed = ByteBuffer.allocateDirect(compressor.maxCompressedLength(original.length));
        compressed.limit(compressor.compress(framed(true, original), compressed));
        PageDecompressor d = ParquetCodecFactory.pageDecompressor(codec);
        assertThatThrownBy(() -> d.decompress(compressed, ByteBuffer.allocateDirect(9_999)))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> d.decompress(compressed, ByteBuffer.allocateDirect(10_001)))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> d.decompress(framed(true, page(2000)), ByteBuffer.allocateDirect(5000)))
                .isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"SNAPPY", "ZSTD", "LZ4_RAW"})
    void readOnlyHeapPagesAreReadThroughArrays(CompressionCodecName codec) throws IOException {
        byte[] original = page(5000);
        byte[] compressed = ParquetCodecFactory.forWriting(3).getCompressor(codec).compress(BytesInput.from(original))
                .toByteArray();
        ByteBuffer back = ByteBuffer.allocateDirect(original.length);
        ParquetCodecFactory.pageDecompressor(codec).decompress(ByteBuffer.wrap(compressed).asReadOnlyBuffer(), back);
        assertThat(remaining(back)).isEqualTo(original);
    }
}
