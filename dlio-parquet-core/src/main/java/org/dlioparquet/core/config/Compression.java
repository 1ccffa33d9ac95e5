package org.dlioparquet.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code dataset.compression}. Which values a format accepts is decided by its provider: CSV takes
 * gzip/bz2/xz/zstd, NPZ takes zip (or gzip) for deflated members, Parquet takes its page codecs.
 */
public enum Compression {
    NONE("none"),
    GZIP("gzip"),
    BZ2("bz2"),
    XZ("xz"),
    ZSTD("zstd"),
    ZIP("zip"),
    SNAPPY("snappy"),
    LZ4("lz4"),
    LZ4_RAW("lz4_raw"),
    LZF("lzf"),
    BROTLI("brotli");

    private final String yamlName;

    Compression(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static Compression parse(String text) {
        String t = text == null ? "none" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "", "none", "null", "uncompressed", "off", "false":
                return NONE;
            case "bzip2":
                return BZ2;
            case "zstandard", "zst":
                return ZSTD;
            case "deflate":
                return ZIP;
            case "lz4raw":
                return LZ4_RAW;
            default:
                for (Compression c : values()) {
                    if (c.yamlName.equals(t)) {
                        return c;
                    }
                }
                throw new IllegalArgumentException("unknown compression '" + text + "'; known: "
                        + Arrays.stream(values()).map(Compression::yamlName).collect(Collectors.joining(", ")));
        }
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
