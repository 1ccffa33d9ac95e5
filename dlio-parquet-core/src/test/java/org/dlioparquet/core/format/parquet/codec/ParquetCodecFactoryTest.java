package org.dlioparquet.core.format.parquet.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParquetCodecFactoryTest {

    /** Half random, half repetitive: compressible, with incompressible stretches. */
    private static byte[] page(int size) {
        byte[] b = new byte[size];
        new Random(7).nextBytes(b);
        for (int i = size / 2; i < size; i++) {
            b[i] = (byte) (i % 7);
        }
        return b;
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
    void everyWritableCodecRoundTripsAndReusesItsCompressor(CompressionCodecName codec) throws IOException {
        ParquetCodecFactory writing = ParquetCodecFactory.forWriting(3);
        ParquetCodecFactory reading = ParquetCodecFactory.forReading(PageSizeLimit.NONE);
        for (int size : new int[] {0, 1, 1000, 300_000}) {
            byte[] original = page(size);
            byte[] compressed = writing.getCompressor(codec).compress(BytesInput.from(original)).toByteArray();
            if (codec != CompressionCodecName.UNCOMPRESSED && size == 300_000) {
                assertThat(compressed.length).isLessThan(size);
            }
            byte[] back = reading.getDecompressor(codec).decompress(BytesInput.from(compressed), size).toByteArray();
            assertThat(back).as("%s, %d bytes", codec, size).isEqualTo(original);
        }
        assertThat(writing.getCompressor(codec)).isSameAs(writing.getCompressor(codec));
        writing.release();
    }

    @Test
    void gzipIsDeterministicAndReadableByTheJdk() throws IOException {
        byte[] original = page(50_000);
        byte[] a = ParquetCodecFactory.forWriting(6).getCompressor(CompressionCodecName.GZIP)
                .compress(BytesInput.from(original)).toByteArray();
        byte[] b = ParquetCodecFactory.forWriting(6).getCompressor(CompressionCodecName.GZIP)
                .compress(BytesInput.from(original)).toByteArray();
        assertThat(a).isEqualTo(b);
        assertThat(new GZIPInputStream(new ByteArrayInputStream(a)).readAllBytes())
                .isEqualTo(original);
    }

    @Test
    void gzipPageOfConcatenatedMembersIsReadToTheEnd() throws IOException {
        byte[] first = page(3000);
        byte[] second = Arrays.copyOfRange(page(5000), 1000, 5000);
        ByteArrayOutputStream members = new ByteArrayOutputStream();
        for (byte[] part : new byte[][] {first, second}) {
            ByteArrayOutputStream one = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(one)) {
                gz.write(part);
            }
            members.writeBytes(one.toByteArray());
        }
        byte[] back = ParquetCodecFactory.forReading(PageSizeLimit.NONE).getDecompressor(CompressionCodecName.GZIP)
                .decompress(BytesInput.from(members.toByteArray()), 7000).toByteArray();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(first);
        expected.writeBytes(second);
        assertThat(back).isEqualTo(expected.toByteArray());
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
    void aPageThatDoesNotDecompressToItsDeclaredSizeIsAnError(CompressionCodecName codec) throws IOException {
        byte[] original = page(10_000);
        byte[] compressed = ParquetCodecFactory.forWriting(3).getCompressor(codec)
                .compress(BytesInput.from(original)).toByteArray();
        BytesInputDecompressor d = ParquetCodecFactory.forReading(PageSizeLimit.NONE).getDecompressor(codec);
        assertThatThrownBy(() -> d.decompress(BytesInput.from(compressed), 9_999))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> d.decompress(BytesInput.from(compressed), 10_001))
                .isInstanceOf(IOException.class);
    }

    @Test
    void corruptDataIsAnIOExceptionNotACrash() {
        byte[] garbage = page(2000);
        for (CompressionCodecName codec : ParquetCodecFactory.READABLE) {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                continue;
            }
            BytesInputDecompressor d = ParquetCodecFactory.forReading(PageSizeLimit.NONE).getDecompressor(codec);
            assertThatThrownBy(() -> d.decompress(BytesInput.from(garbage), 5000)).as("%s", codec)
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void theLimitIsAskedBeforeAnythingIsAllocated() {
        int[] asked = {-1};
        PageSizeLimit refuse = size -> {
            asked[0] = size;
            throw new IOException("too big: " + size);
        };
        BytesInputDecompressor d = ParquetCodecFactory.forReading(refuse).getDecompressor(CompressionCodecName.ZSTD);
        // a 2 GiB claim: were it allocated first, this test would run out of memory
        assertThatThrownBy(() -> d.decompress(BytesInput.from(new byte[10]), Integer.MAX_VALUE))
                .hasMessage("too big: " + Integer.MAX_VALUE);
        assertThat(asked[0]).isEqualTo(Integer.MAX_VALUE);
        BytesInputDecompressor plain = ParquetCodecFactory.forReading(refuse)
                .getDecompressor(CompressionCodecName.UNCOMPRESSED);
        assertThatThrownBy(() -> plain.decompress(BytesInput.from(new byte[10]), 1 << 30))
                .hasMessage("too big: " + (1 << 30));
    }

    @Test
    void hadoopFramedLz4IsReadAndRawLz4UnderTheSameIdToo() throws IOException {
        byte[] original = page(20_000);
        byte[] raw = ParquetCodecFactory.forWriting(0).getCompressor(CompressionCodecName.LZ4_RAW)
                .compress(BytesInput.from(original)).toByteArray();
        // Hadoop framing: [uncompressed block size][compressed chunk size][chunk], big-endian
        ByteBuffer framed = ByteBuffer.allocate(raw.length + 8);
        framed.putInt(original.length).putInt(raw.length).put(raw);
        BytesInputDecompressor lz4 = ParquetCodecFactory.forReading(PageSizeLimit.NONE)
                .getDecompressor(CompressionCodecName.LZ4);
        assertThat(lz4.decompress(BytesInput.from(framed.array()), original.length).toByteArray()).isEqualTo(original);
        assertThat(lz4.decompress(BytesInput.from(raw), original.length).toByteArray()).isEqualTo(original);
    }

    @Test
    void brotliAndLzoAreRefusedByName() {
        assertThat(ParquetCodecFactory.unsupportedReason(CompressionCodecName.BROTLI))
                .startsWith("codec BROTLI is not supported").contains("ZSTD");
        assertThat(ParquetCodecFactory.unsupportedReason(CompressionCodecName.LZO)).startsWith("codec LZO is not supported");
        assertThat(ParquetCodecFactory.unsupportedReason(CompressionCodecName.SNAPPY)).isNull();
        assertThatThrownBy(() -> ParquetCodecFactory.forReading(PageSizeLimit.NONE)
                .getDecompressor(CompressionCodecName.BROTLI)).hasMessageContaining("codec BROTLI is not supported");
        assertThatThrownBy(() -> ParquetCodecFactory.forWriting(1).getCompressor(CompressionCodecName.LZ4))
                .hasMessageContaining("cannot be written");
    }
}
