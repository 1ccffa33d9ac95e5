package org.dlioparquet.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Element type of a sample, named like NumPy dtypes ({@code dataset.record_element_type}).
 * Values are stored little-endian everywhere.
 */
public enum ElementType {
    BOOL("bool", 1, 'b', false),
    INT8("int8", 1, 'i', false),
    UINT8("uint8", 1, 'u', false),
    INT16("int16", 2, 'i', false),
    UINT16("uint16", 2, 'u', false),
    INT32("int32", 4, 'i', false),
    UINT32("uint32", 4, 'u', false),
    INT64("int64", 8, 'i', false),
    UINT64("uint64", 8, 'u', false),
    FLOAT16("float16", 2, 'f', true),
    FLOAT32("float32", 4, 'f', true),
    FLOAT64("float64", 8, 'f', true);

    private static final Map<String, ElementType> ALIASES = Map.ofEntries(
            Map.entry("bool_", BOOL), Map.entry("?", BOOL), Map.entry("b1", BOOL),
            Map.entry("byte", INT8), Map.entry("i1", INT8),
            Map.entry("ubyte", UINT8), Map.entry("u1", UINT8),
            Map.entry("short", INT16), Map.entry("i2", INT16),
            Map.entry("ushort", UINT16), Map.entry("u2", UINT16),
            Map.entry("intc", INT32), Map.entry("i4", INT32),
            Map.entry("uintc", UINT32), Map.entry("u4", UINT32),
            Map.entry("int", INT64), Map.entry("int_", INT64), Map.entry("long", INT64),
            Map.entry("longlong", INT64), Map.entry("i8", INT64),
            Map.entry("uint", UINT64), Map.entry("ulonglong", UINT64), Map.entry("u8", UINT64),
            Map.entry("half", FLOAT16), Map.entry("f2", FLOAT16),
            Map.entry("single", FLOAT32), Map.entry("f4", FLOAT32),
            Map.entry("float", FLOAT64), Map.entry("double", FLOAT64), Map.entry("float_", FLOAT64),
            Map.entry("f8", FLOAT64));

    private final String numpyName;
    private final int size;
    private final char kind;
    private final boolean floating;

    ElementType(String numpyName, int size, char kind, boolean floating) {
        this.numpyName = numpyName;
        this.size = size;
        this.kind = kind;
        this.floating = floating;
    }

    /** NumPy's name of the type, e.g. {@code uint8}. */
    public String numpyName() {
        return numpyName;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    public boolean isFloating() {
        return floating;
    }

    /** The NPY header {@code descr} of this type, e.g. {@code |u1} or {@code <f4}. */
    public String npyDescr() {
        return (size == 1 ? "|" : "<") + kind + size;
    }

    /**
     * Parses a NumPy dtype name ({@code uint8}, {@code float32}, {@code f4}, {@code <i8}, ...).
     *
     * @throws IllegalArgumentException naming the accepted types when the name is unknown
     */
    public static ElementType parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("np.") || t.startsWith("numpy.")) {
            t = t.substring(t.indexOf('.') + 1);
        }
        if (!t.isEmpty() && (t.charAt(0) == '<' || t.charAt(0) == '|' || t.charAt(0) == '=')) {
            t = t.substring(1);
        }
        for (ElementType e : values()) {
            if (e.numpyName.equals(t)) {
                return e;
            }
        }
        ElementType alias = ALIASES.get(t);
        if (alias != null) {
            return alias;
        }
        throw new IllegalArgumentException("unknown element type '" + text + "'; supported: " + supportedNames());
    }

    /** The element type of an NPY {@code descr}, or an exception naming what is not supported. */
    public static ElementType fromNpyDescr(String descr) {
        if (descr.length() < 3) {
            throw new IllegalArgumentException("unsupported dtype '" + descr + "'");
        }
        char order = descr.charAt(0);
        if (order == '>') {
            throw new IllegalArgumentException("unsupported dtype '" + descr + "' (big-endian)");
        }
        if (order != '<' && order != '|' && order != '=') {
            throw new IllegalArgumentException("unsupported dtype '" + descr + "'");
        }
        char kind = descr.charAt(1);
        int size;
        try {
            size = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unsupported dtype '" + descr + "'");
        }
        for (ElementType e : values()) {
            if (e.kind == kind && e.size == size) {
                return e;
            }
        }
        throw new IllegalArgumentException("unsupported dtype '" + descr
                + "' (supported: bool, signed/unsigned integers and float16/32/64)");
    }

    public static String supportedNames() {
        return Arrays.stream(values()).map(ElementType::numpyName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return numpyName;
    }
}
