package org.dlioparquet.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@code dtype} of a column in {@code dataset.parquet.columns}, as the MLCommons DLIO fork
 * names them. With {@code size > 1} a numeric or bool column holds a fixed-size list per row;
 * for {@code binary} and {@code string} the size is the byte length of each value; {@code list}
 * is a list of {@code size} float32 values.
 */
public enum ColumnType {
    UINT8("uint8", 1), UINT16("uint16", 2), UINT32("uint32", 4), UINT64("uint64", 8),
    INT8("int8", 1), INT16("int16", 2), INT32("int32", 4), INT64("int64", 8),
    FLOAT16("float16", 2), FLOAT32("float32", 4), FLOAT64("float64", 8),
    BOOL("bool", 1),
    STRING("string", 1),
    BINARY("binary", 1),
    LIST("list", 4);

    private final String yamlName;
    private final int elementBytes;

    ColumnType(String yamlName, int elementBytes) {
        this.yamlName = yamlName;
        this.elementBytes = elementBytes;
    }

    public String yamlName() {
        return yamlName;
    }

    /** Bytes of one element of this type in a sample (string and binary count one byte per character). */
    public int elementBytes() {
        return elementBytes;
    }

    /** True for the types whose {@code size} is a byte length rather than a list length. */
    public boolean isVariableBytes() {
        return this == STRING || this == BINARY;
    }

    public static ColumnType parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "float", "single":
                return FLOAT32;
            case "double":
                return FLOAT64;
            case "half":
                return FLOAT16;
            case "boolean":
                return BOOL;
            case "bytes":
                return BINARY;
            case "str", "utf8":
                return STRING;
            default:
                for (ColumnType c : values()) {
                    if (c.yamlName.equals(t)) {
                        return c;
                    }
                }
                throw new IllegalArgumentException("unknown dtype '" + text + "'; supported: " + supportedNames());
        }
    }

    public static String supportedNames() {
        return Arrays.stream(values()).map(ColumnType::yamlName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
