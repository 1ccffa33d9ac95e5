package org.dlioparquet.core.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.internal.Printable;

/** The value types of workload keys. */
final class ValueTypes {
    private ValueTypes() {
    }

    static ValueType integer(long min, long max) {
        return (raw, ctx) -> {
            long v = toLong(raw, describeRange("an integer", min, max));
            if (v < min || v > max) {
                throw new IllegalArgumentException("expected " + describeRange("an integer", min, max) + ", got " + v);
            }
            return (int) v;
        };
    }

    static ValueType integer(long min) {
        return integer(min, Integer.MAX_VALUE);
    }

    static ValueType longInteger(long min) {
        return (raw, ctx) -> {
            long v = toLong(raw, describeRange("an integer", min, Long.MAX_VALUE));
            if (v < min) {
                throw new IllegalArgumentException("expected " + describeRange("an integer", min, Long.MAX_VALUE)
                        + ", got " + v);
            }
            return v;
        };
    }

    /** A number in {@code [min, max]}; {@code minExclusive} makes the lower bound strict. */
    static ValueType number(double min, boolean minExclusive, double max) {
        return (raw, ctx) -> {
            double v = toDouble(raw);
            if (Double.isNaN(v) || (minExclusive ? v <= min : v < min) || v > max) {
                String range = (minExclusive ? "> " : ">= ") + fmt(min) + (max < Double.MAX_VALUE ? " and <= " + fmt(max) : "");
                throw new IllegalArgumentException("expected a number " + range + ", got " + fmt(v));
            }
            return v;
        };
    }

    static ValueType bool() {
        return (raw, ctx) -> {
            if (raw instanceof Boolean b) {
                return b;
            }
            if (raw instanceof String s) {
                switch (s.trim().toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on", "1":
                        return true;
                    case "false", "no", "off", "0":
                        return false;
                    default:
                        break;
                }
            }
            if (raw instanceof Number n && (n.longValue() == 0 || n.longValue() == 1) && n.doubleValue() == n.longValue()) {
                return n.longValue() == 1;
            }
            throw new IllegalArgumentException("expected true or false, got " + show(raw));
        };
    }

    /** Any scalar as text; {@code null} stays {@code null}. */
    static ValueType string() {
        return (raw, ctx) -> {
            if (raw == null) {
                return null;
            }
            if (raw instanceof Map || raw instanceof List || raw instanceof byte[]) {
                throw new IllegalArgumentException("expected a single value, got " + show(raw));
            }
            return raw.toString();
        };
    }

    /** Text that must be one of {@code allowed} (case-insensitive, stored lower-case). */
    static ValueType oneOf(String... allowed) {
        Set<String> set = Set.of(allowed);
        return (raw, ctx) -> {
            String s = raw == null ? "" : raw.toString().trim().toLowerCase(Locale.ROOT);
            if (!set.contains(s)) {
                throw new IllegalArgumentException("expected one of " + String.join(", ", allowed) + ", got " + show(raw));
            }
            return s;
        };
    }

    static <E extends Enum<E>> ValueType enumeration(Class<E> type) {
        return new ValueType() {
            @Override
            public Object convert(Object raw, ConversionContext ctx) {
                if (type.isInstance(raw)) {
                    return raw;
                }
                if (raw instanceof Boolean b) {
                    // YAML 1.1 reads an unquoted off/no as false: that is "off", not a reason to shuffle
                    for (E e : type.getEnumConstants()) {
                        if (!b && e.name().equals("OFF")) {
                            return e;
                        }
                    }
                    throw new IllegalArgumentException("expected one of " + names(type) + ", got " + raw
                            + " (YAML reads unquoted on/yes/true as a boolean; quote the value)");
                }
                String s = raw == null ? "" : raw.toString().trim();
                for (E e : type.getEnumConstants()) {
                    if (e.name().equalsIgnoreCase(s)) {
                        return e;
                    }
                }
                throw new IllegalArgumentException("expected one of " + names(type) + ", got " + show(raw));
            }

            @Override
            public Object toYaml(Object typed) {
                return ((Enum<?>) typed).name().toLowerCase(Locale.ROOT);
            }
        };
    }

    private static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    static ValueType format() {
        return new ValueType() {
            @Override
            public Object convert(Object raw, ConversionContext ctx) {
                if (raw == null) {
                    return null;
                }
                if (raw instanceof FormatType f) {
                    return ctx.registry().parse(f.name());
                }
                return ctx.registry().parse(raw.toString());
            }

            @Override
            public Object toYaml(Object typed) {
                return typed == null ? null : typed.toString();
            }
        };
    }

    static ValueType elementType() {
        return new ValueType() {
            @Override
            public Object convert(Object raw, ConversionContext ctx) {
                if (raw instanceof ElementType e) {
                    return e;
                }
                if (raw == null) {
                    throw new IllegalArgumentException("expected an element type (" + ElementType.supportedNames() + ")");
                }
                return ElementType.parse(raw.toString());
            }

            @Override
            public Object toYaml(Object typed) {
                return typed.toString();
            }
        };
    }

    static ValueType compression() {
        return new ValueType() {
            @Override
            public Object convert(Object raw, ConversionContext ctx) {
                if (raw instanceof Compression c) {
                    return c;
                }
                return Compression.parse(raw == null ? null : raw.toString());
            }

            @Override
            public Object toYaml(Object typed) {
                return typed.toString();
            }
        };
    }

    /** A list of integers each {@code >= min}; a YAML scalar is not a list. */
    static ValueType integerList(long min) {
        return (raw, ctx) -> longs(raw, min, Integer.MAX_VALUE, "[3, 224, 224]").stream().map(Long::intValue).toList();
    }

    /** A list of 64-bit integers each {@code >= min} (tensor sizes in elements); a YAML scalar is not a list. */
    static ValueType longList(long min) {
        return (raw, ctx) -> longs(raw, min, Long.MAX_VALUE, "[1024, 128]");
    }

    /** The integers of a YAML list, each in {@code [min, max]}; {@code example} shows a valid list. */
    private static List<Long> longs(Object raw, long min, long max, String example) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw new IllegalArgumentException("expected a list of integers such as " + example + ", got " + show(raw));
        }
        List<Long> out = new ArrayList<>();
        for (Object o : list) {
            long v;
            try {
                v = toLong(o, "an integer");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected a list of integers >= " + min + ", got " + show(raw));
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException("every element must be an integer >= " + min + ", got " + show(raw));
            }
            out.add(v);
        }
        return List.copyOf(out);
    }

    static ValueType stringList() {
        return (raw, ctx) -> {
            if (raw == null) {
                return List.of();
            }
            if (raw instanceof List<?> list) {
                List<String> out = new ArrayList<>();
                for (Object o : list) {
                    if (o == null || o instanceof Map || o instanceof List) {
                        throw new IllegalArgumentException("expected a list of names, got " + show(raw));
                    }
                    out.add(o.toString());
                }
                return List.copyOf(out);
            }
            throw new IllegalArgumentException("expected a list such as [a, b], got " + show(raw));
        };
    }

    /** Free-form mapping (storage options, ignored sections). */
    static ValueType mapping() {
        return (raw, ctx) -> {
            if (raw == null) {
                return Map.of();
            }
            if (raw instanceof Map<?, ?> m) {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), v));
                return out;
            }
            throw new IllegalArgumentException("expected a mapping of key: value, got " + show(raw));
        };
    }

    /** Any value at all, kept as is (lists of tensor sizes for checkpointing, etc.). */
    static ValueType any() {
        return (raw, ctx) -> raw;
    }

    static ValueType time() {
        return new ValueType() {
            @Override
            public Object convert(Object raw, ConversionContext ctx) {
                return TimeValues.parse(raw);
            }

            @Override
            public Object toYaml(Object typed) {
                return TimeValues.toYaml((TimeDistribution) typed);
            }
        };
    }

    static ValueType columns() {
        return new ValueType() {
            @Override
            public Object convert(Object raw, ConversionContext ctx) {
                return parseColumns(raw);
            }

            @Override
            public Object toYaml(Object typed) {
                List<Object> out = new ArrayList<>();
                for (Object o : (List<?>) typed) {
                    ColumnSpec c = (ColumnSpec) o;
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", c.name());
                    m.put("dtype", c.dtype().yamlName());
                    m.put("size", c.size());
                    m.put("read", c.read());
                    out.add(m);
                }
                return out;
            }
        };
    }

    private static final Set<String> COLUMN_KEYS = Set.of("name", "dtype", "size", "read");

    private static List<ColumnSpec> parseColumns(Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw new IllegalArgumentException("expected a list of columns such as [{name: a, dtype: float32}], got "
                    + show(raw));
        }
        List<ColumnSpec> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Object o = list.get(i);
            if (o instanceof ColumnSpec c) {
                out.add(c);
                continue;
            }
            String where = "column " + (i + 1);
            if (!(o instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(where + ": expected {name, dtype, size, read}, got " + show(o));
            }
            for (Object k : m.keySet()) {
                if (!COLUMN_KEYS.contains(String.valueOf(k))) {
                    throw new IllegalArgumentException(where + ": unknown key '" + k + "' (known: name, dtype, size, read)");
                }
            }
            Object name = m.get("name");
            if (name == null || name.toString().isBlank()) {
                throw new IllegalArgumentException(where + ": 'name' is missing");
            }
            where = "column '" + name + "'";
            if (!names.add(name.toString())) {
                throw new IllegalArgumentException(where + " is defined twice");
            }
            Object dtype = m.get("dtype");
            if (dtype == null) {
                throw new IllegalArgumentException(where + ": 'dtype' is missing");
            }
            ColumnType type;
            try {
                type = ColumnType.parse(dtype.toString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
            int size = 1;
            if (m.get("size") != null) {
                long s;
                try {
                    s = toLong(m.get("size"), "an integer");
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": size must be an integer >= 1, got " + show(m.get("size")));
                }
                if (s < 1 || s > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(where + ": size must be an integer >= 1, got " + s);
                }
                size = (int) s;
            }
            boolean read = true;
            if (m.containsKey("read")) {
                try {
                    read = (Boolean) bool().convert(m.get("read"), null);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": read must be true or false, got " + show(m.get("read")));
                }
            }
            out.add(new ColumnSpec(name.toString(), type, size, read));
        }
        return List.copyOf(out);
    }

    static long toLong(Object raw, String expected) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof BigInteger b) {
            if (b.bitLength() < 64) {
                return b.longValue();
            }
            throw new IllegalArgumentException("expected " + expected + ", got " + b + " (too large)");
        }
        if (raw instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                return (long) d;
            }
        }
        if (raw instanceof String s) {
            try {
                return new BigDecimal(s.trim().replace("_", "")).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("expected " + expected + ", got " + show(raw));
    }

    static double toDouble(Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        if (raw instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new IllegalArgumentException("expected a number, got " + show(raw));
    }

    static String describeRange(String what, long min, long max) {
        if (min == Long.MIN_VALUE && max >= Integer.MAX_VALUE) {
            return what;
        }
        if (max >= Integer.MAX_VALUE) {
            return what + " >= " + min;
        }
        return what + " between " + min + " and " + max;
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** A raw value as the user wrote it, quoted when it is text. */
    static String show(Object raw) {
        if (raw == null) {
            return "nothing (null)";
        }
        if (raw instanceof String s) {
            return "'" + Printable.escape(s) + "'";
        }
        if (raw instanceof byte[] b) {
            return "binary data (!!binary, " + b.length + " bytes)";
        }
        return Printable.escape(raw.toString());
    }
}
