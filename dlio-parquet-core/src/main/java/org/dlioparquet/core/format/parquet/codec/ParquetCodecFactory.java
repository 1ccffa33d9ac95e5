package org.dlioparquet.core.format.parquet.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * parquet-java's codec factory, replaced: the stock one builds a Hadoop {@code Configuration} and
 * loads Hadoop codec classes, which are not on our class path (only {@code hadoop-client-api} is).
 * Built on snappy-java, zstd-jni, aircompressor and {@code java.util.zip}.
 *
 * <p>One instance per writer or open file: compressors reuse buffers and are not thread-safe.
 * Decompressors ask a {@link PageSizeLimit} before allocating a page.
 */
public final class ParquetCodecFactory implements CompressionCodecFactory {
    /** Codecs pages can be written with. */
    public static final Set<CompressionCodecName> WRITABLE = EnumSet.of(CompressionCodecName.UNCOMPRESSED,
            CompressionCodecName.SNAPPY, CompressionCodecName.GZIP, CompressionCodecName.ZSTD,
            CompressionCodecName.LZ4_RAW);
    /** Codecs pages can be read with; LZ4 is the deprecated Hadoop-framed codec. */
    public static final Set<CompressionCodecName> READABLE = EnumSet.of(CompressionCodecName.UNCOMPRESSED,
            CompressionCodecName.SNAPPY, CompressionCodecName.GZIP, CompressionCodecName.ZSTD,
            CompressionCodecName.LZ4_RAW, CompressionCodecName.LZ4);

    private final int level;
    private final PageSizeLimit limit;
    private final Map<CompressionCodecName, BytesInputCompressor> compressors =
            new EnumMap<>(CompressionCodecName.class);
    private final Map<CompressionCodecName, BytesInputDecompressor> decompressors =
            new EnumMap<>(CompressionCodecName.class);

    private ParquetCodecFactory(int level, PageSizeLimit limit) {
        this.level = level;
        this.limit = limit;
    }

    /** A factory for one writer; {@code level} applies to GZIP (0..9) and ZSTD. */
    public static ParquetCodecFactory forWriting(int level) {
        return new ParquetCodecFactory(level, PageSizeLimit.NONE);
    }

    /** A factory for one open file whose pages are checked against {@code limit}. */
    public static ParquetCodecFactory forReading(PageSizeLimit limit) {
        return new ParquetCodecFactory(0, limit);
    }

    /** Why pages of {@code codec} cannot be read, for an error message; null when they can. */
    public static String unsupportedReason(CompressionCodecName codec) {
        if (READABLE.contains(codec)) {
            return null;
        }
        return "codec " + codec + " is not supported (supported: " + names(READABLE) + ")";
    }

    /**
     * A page decompressor for the page-streaming reader; null for UNCOMPRESSED, whose pages are used
     * where they were read.
     *
     * @throws IllegalArgumentException for a codec that cannot be read
     */
    public static PageDecompressor pageDecompressor(CompressionCodecName codec) {
        switch (codec) {
            case UNCOMPRESSED:
                return null;
            case ZSTD:
                return new ZstdPageCodec(0);
            case SNAPPY:
                return new SnappyPageCodec();
            case LZ4_RAW:
                return new Lz4RawPageCodec();
            default: {
                String reason = unsupportedReason(codec);
                if (reason != null) {
                    throw new IllegalArgumentException(reason);
                }
                return new ArrayPageCodec(blockCodec(codec, 0));
            }
        }
    }

    /**
     * A page compressor for the raw page writer; null for UNCOMPRESSED. {@code level} applies to GZIP
     * (0..9) and ZSTD.
     *
     * @throws IllegalArgumentException for a codec that cannot be written
     */
    public static PageCompressor pageCompressor(CompressionCodecName codec, int level) {
        switch (codec) {
            case UNCOMPRESSED:
                return null;
            case ZSTD:
                return new ZstdPageCodec(level);
            case SNAPPY:
                return new SnappyPageCodec();
            case LZ4_RAW:
                return new Lz4RawPageCodec();
            case GZIP:
                return new ArrayPageCodec(blockCodec(codec, level));
            default:
                throw new IllegalArgumentException("codec " + codec + " cannot be written (supported: "
                        + names(WRITABLE) + ")");
        }
    }

    public static String names(Set<CompressionCodecName> codecs) {
        return codecs.stream().map(CompressionCodecName::name).collect(Collectors.joining(", "));
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return compressors.computeIfAbsent(codec, this::newCompressor);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return decompressors.computeIfAbsent(codec, this::newDecompressor);
    }

    @Override
    public void release() {
        compressors.values().forEach(BytesInputCompressor::release);
        compressors.clear();
        decompressors.clear();
    }

    private BytesInputCompressor newCompressor(CompressionCodecName codec) {
        switch (codec) {
            case UNCOMPRESSED:
                return new PassThroughCompressor();
            case SNAPPY:
            case GZIP:
            case ZSTD:
            case LZ4_RAW:
                return new BlockCompressor(codec, blockCodec(codec, level));
            default:
                throw new IllegalArgumentException("codec " + codec + " cannot be written (supported: "
                        + names(WRITABLE) + ")");
        }
    }

    private BytesInputDecompressor newDecompressor(CompressionCodecName codec) {
        if (codec == CompressionCodecName.UNCOMPRESSED) {
            return new PassThroughDecompressor(limit);
        }
        String reason = unsupportedReason(codec);
        if (reason != null) {
            throw new IllegalArgumentException(reason);
        }
        return new BlockDecompressor(blockCodec(codec, level), limit);
    }

    /** {@code level} applies to GZIP and ZSTD compression. */
    private static BlockCodec blockCodec(CompressionCodecName codec, int level) {
        switch (codec) {
            case SNAPPY:
                return new SnappyBlockCodec();
            case GZIP:
                return new GzipBlockCodec(level);
            case ZSTD:
                return new ZstdBlockCodec(level);
            case LZ4_RAW:
                return new Lz4RawBlockCodec();
            case LZ4:
                return new HadoopLz4BlockCodec();
            default:
                throw new IllegalArgumentException("no block codec for " + codec);
        }
    }

    /** UNCOMPRESSED pages go to the column chunk as they are. */
    private static final class PassThroughCompressor implements BytesInputCompressor {
        @Override
        public BytesInput compress(BytesInput bytes) {
            return bytes;
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.UNCOMPRESSED;
        }

        @Override
        public void release() {
        }
    }

    /** UNCOMPRESSED pages are slices of the column chunk; only their declared size is checked. */
    private static final class PassThroughDecompressor implements BytesInputDecompressor {
        private final PageSizeLimit limit;

        PassThroughDecompressor(PageSizeLimit limit) {
            this.limit = limit;
        }

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            limit.check(uncompressedSize);
            return bytes;
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            limit.check(uncompressedSize);
            ByteBuffer src = input.duplicate();
            src.limit(src.position() + compressedSize);
            output.put(src);
        }

        @Override
        public void release() {
        }
    }
}
