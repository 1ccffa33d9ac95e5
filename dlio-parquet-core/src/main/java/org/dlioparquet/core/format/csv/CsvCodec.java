package org.dlioparquet.core.format.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.dlioparquet.core.config.Compression;

/**
 * The whole-file codecs a CSV dataset may use, with the extension pandas infers each one from
 * and the magic bytes that identify it (DLIO wrote gzip under a plain {@code .csv} name).
 */
enum CsvCodec {
    NONE(Compression.NONE, "csv", "", new byte[0], 0, 0),
    GZIP(Compression.GZIP, "csv.gz", ".gz", bytes(0x1f, 0x8b), 1, 9),
    BZ2(Compression.BZ2, "csv.bz2", ".bz2", bytes('B', 'Z', 'h'), 1, 9),
    XZ(Compression.XZ, "csv.xz", ".xz", bytes(0xfd, '7', 'z', 'X', 'Z', 0), 0, 9),
    ZSTD(Compression.ZSTD, "csv.zst", ".zst", bytes(0x28, 0xb5, 0x2f, 0xfd), 1, 22);

    /** Longest magic, the number of bytes {@link #sniff} needs. */
    static final int MAGIC_BYTES = 6;

    private final Compression compression;
    private final String extension;
    private final String suffix;
    private final byte[] magic;
    private final int minLevel;
    private final int maxLevel;

    CsvCodec(Compression compression, String extension, String suffix, byte[] magic, int minLevel, int maxLevel) {
        this.compression = compression;
        this.extension = extension;
        this.suffix = suffix;
        this.magic = magic;
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static Optional<CsvCodec> of(Compression compression) {
        return Arrays.stream(values()).filter(c -> c.compression == compression).findFirst();
    }

    /** {@code none, gzip, bz2, xz, zstd}, for messages. */
    static String supportedNames() {
        return Arrays.stream(values()).map(CsvCodec::yamlName).collect(Collectors.joining(", "));
    }

    String yamlName() {
        return compression.yamlName();
    }

    /** File extension without the leading dot, e.g. {@code csv.gz}. */
    String extension() {
        return extension;
    }

    /** The codec whose magic starts {@code head}, or {@link #NONE}. */
    static CsvCodec sniff(byte[] head, int length) {
        for (CsvCodec c : values()) {
            if (c.magic.length > 0 && length >= c.magic.length
                    && Arrays.equals(head, 0, c.magic.length, c.magic, 0, c.magic.length)) {
                return c;
            }
        }
        return NONE;
    }

    /** The codec a file name's last suffix names ({@code .gz}, {@code .bz2}, ...), or {@link #NONE}. */
    static CsvCodec byFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (CsvCodec c : values()) {
            if (!c.suffix.isEmpty() && lower.endsWith(c.suffix)) {
                return c;
            }
        }
        return NONE;
    }

    /** Magic bytes as hex, e.g. {@code 1f 8b}. */
    String magicHex() {
        return hex(magic, magic.length);
    }

    static String hex(byte[] b, int length) {
        return HexFormat.ofDelimiter(" ").formatHex(b, 0, length);
    }

    /** Why {@code level} is not a level of this codec, or {@code null} when it is (or the codec has none). */
    String levelProblem(int level) {
        if (this == NONE || (level >= minLevel && level <= maxLevel)) {
            return null;
        }
        return "csv " + yamlName() + " takes levels " + minLevel + ".." + maxLevel + "; got " + level;
    }

    /**
     * A stream that compresses into {@code out}; closing it finishes the codec's frame and closes
     * {@code out}. Output depends only on the bytes written and the level (gzip: mtime 0, no name).
     */
    OutputStream compress(OutputStream out, int level) throws IOException {
        switch (this) {
            case NONE:
                return out;
            case GZIP: {
                GzipParameters p = new GzipParameters();
                p.setCompressionLevel(level);
                p.setModificationTime(0);
                p.setOS(GzipParameters.OS.UNKNOWN);
                return new GzipCompressorOutputStream(out, p);
            }
            case BZ2:
                return new BZip2CompressorOutputStream(out, level);
            case XZ:
                return new XZCompressorOutputStream(out, level);
            case ZSTD:
                // a checksum lets the reader tell corrupt frames from data
                return new ZstdCompressorOutputStream(out, level, false, true);
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * A stream of the decompressed bytes of {@code in}. Concatenated members/streams are read as
     * one, as gzip and pandas do; {@code maxMemoryBytes} caps what a (corrupt) xz header may
     * make the decoder allocate.
     */
    InputStream decompress(InputStream in, long maxMemoryBytes) throws IOException {
        switch (this) {
            case NONE:
                return in;
            case GZIP:
                return new GzipCompressorInputStream(in, true);
            case BZ2:
                return new BZip2CompressorInputStream(in, true);
            case XZ:
                return new XZCompressorInputStream(in, true,
                        (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxMemoryBytes / 1024)));
            case ZSTD:
                return new ZstdCompressorInputStream(in);
            default:
                throw new AssertionError(this);
        }
    }
}
