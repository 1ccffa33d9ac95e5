package org.dlioparquet.core.format.csv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.dlioparquet.core.ElementType;

/**
 * Turns one CSV value into one little-endian element of the reader's element type, refusing
 * anything that would not be that value exactly: text that is not a number, a fraction where an
 * integer is expected, a value outside the type's range. A CSV file does not record its type, so
 * the type comes from the reader's settings.
 */
abstract class CsvValueParser {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    final ElementType type;

    private CsvValueParser(ElementType type) {
        this.type = type;
    }

    static CsvValueParser forType(ElementType type) {
        switch (type) {
            case BOOL:
                return new BoolParser();
            case FLOAT16:
            case FLOAT32:
            case FLOAT64:
                return new FloatParser(type);
            default:
                return new IntegerParser(type);
        }
    }

    /**
     * Parses {@code text[start, end)} and writes the element at {@code out[pos]}.
     *
     * @return the bytes written, the element size
     */
    abstract int parse(byte[] text, int start, int end, byte[] out, int pos) throws ValueFormatException;

    /**
     * The hot path: parses a run of plain values from {@code text[start]}, finding each value's
     * end in the same pass, while every value ends ({@code ,} or {@code \n}) before {@code limit}.
     * Stops after {@code maxValues} values, after a value that ends its line, or before the first
     * value it cannot take (more text to read, a sign, a {@code \r}, an error to report), which
     * the caller then gives to {@link #parse}.
     *
     * @return {@code (position after the last delimiter taken) << 32 | values parsed}
     */
    long parseRun(byte[] text, int start, int limit, byte[] out, int pos, int maxValues) {
        return (long) start << 32;
    }

    static void putLittleEndian(long value, int size, byte[] out, int pos) {
        switch (size) {
            case 1:
                out[pos] = (byte) value;
                break;
            case 2:
                SHORT.set(out, pos, (short) value);
                break;
            case 4:
                INT.set(out, pos, (int) value);
                break;
            default:
                LONG.set(out, pos, value);
                break;
        }
    }

    /** Integers in decimal with an optional sign; unsigned 64-bit values up to 2^64-1. */
    static final class IntegerParser extends CsvValueParser {
        /** Largest magnitude whose times ten still fits in 64 unsigned bits. */
        private static final long TENTH_OF_MAX = Long.divideUnsigned(-1L, 10);

        private final long maxPositive;
        private final long maxNegativeMagnitude;
        private final String range;

        IntegerParser(ElementType type) {
            super(type);
            int bits = type.size() * 8;
            boolean unsigned = type.name().startsWith("UINT");
            if (unsigned) {
                maxPositive = bits == 64 ? -1L : (1L << bits) - 1;
                maxNegativeMagnitude = 0;
                range = "0.." + Long.toUnsignedString(maxPositive);
            } else {
                maxPositive = (1L << (bits - 1)) - 1;
                maxNegativeMagnitude = 1L << (bits - 1); // 2^63 reads as Long.MIN_VALUE, compared unsigned
                range = -maxNegativeMagnitude + ".." + maxPositive;
            }
        }

        @Override
        int parse(byte[] text, int start, int end, byte[] out, int pos) throws ValueFormatException {
            int i = start;
            boolean negative = false;
            if (i < end && (text[i] == '-' || text[i] == '+')) {
                negative = text[i] == '-';
                i++;
            }
            if (i == end) {
                throw notAnInteger(text, start, end);
            }
            long magnitude = 0;
            boolean overflow = false;
            for (; i < end; i++) {
                int digit = text[i] - '0';
                if (digit < 0 || digit > 9) {
                    throw notAnInteger(text, start, end);
                }
                if (Long.compareUnsigned(magnitude, TENTH_OF_MAX) > 0) {
                    overflow = true;
                } else {
                    long times10 = magnitude * 10;
                    long next = times10 + digit;
                    overflow |= Long.compareUnsigned(next, times10) < 0;
                    magnitude = next;
                }
            }
            long limit = negative ? maxNegativeMagnitude : maxPositive;
            if (overflow || Long.compareUnsigned(magnitude, limit) > 0) {
                throw new ValueFormatException(CsvText.quote(text, start, end) + " is out of range for " + type
                        + " (" + range + ")");
            }
            putLittleEndian(negative ? -magnitude : magnitude, type.size(), out, pos);
            return type.size();
        }

        @Override
        long parseRun(byte[] text, int start, int limit, byte[] out, int pos, int maxValues) {
            int size = type.size();
            int next = start;
            int count = 0;
            int o = pos;
            while (count < maxValues) {
                int i = next;
                int stop = Math.min(limit, i + 18); // 18 digits cannot overflow a long
                long value = 0;
                for (; i < stop; i++) {
                    int digit = text[i] - '0';
                    if (digit < 0 || digit > 9) {
                        break;
                    }
                    value = value * 10 + digit;
                }
                if (i == next || i >= limit) {
                    break;
                }
                byte delimiter = text[i];
                if ((delimiter != ',' && delimiter != '\n') || Long.compareUnsigned(value, maxPositive) > 0) {
                    break;
                }
                putLittleEndian(value, size, out, o);
                o += size;
                count++;
                next = i + 1;
                if (delimiter == '\n') {
                    break;
                }
            }
            return (long) next << 32 | count;
        }

        private ValueFormatException notAnInteger(byte[] text, int start, int end) {
            if (start == end) {
                return new ValueFormatException("empty value, expected " + type);
            }
            if (FloatParser.isDecimal(text, start, end) || FloatParser.special(text, start, end) != 0) {
                return new ValueFormatException(CsvText.quote(text, start, end) + " is not an integer (element type "
                        + type + ")");
            }
            return new ValueFormatException(CsvText.quote(text, start, end) + " is not a number");
        }
    }

    /** pandas' {@code True}/{@code False} (also lower and upper case), or 1/0. */
    static final class BoolParser extends CsvValueParser {
        BoolParser() {
            super(ElementType.BOOL);
        }

        @Override
        int parse(byte[] text, int start, int end, byte[] out, int pos) throws ValueFormatException {
            int length = end - start;
            if (length == 1 && (text[start] == '0' || text[start] == '1')) {
                out[pos] = (byte) (text[start] - '0');
                return 1;
            }
            if (length == 4 && matches(text, start, "true")) {
                out[pos] = 1;
                return 1;
            }
            if (length == 5 && matches(text, start, "false")) {
                out[pos] = 0;
                return 1;
            }
            throw new ValueFormatException(CsvText.quote(text, start, end) + " is not a bool (True, False, 1 or 0)");
        }

        /** {@code True}, {@code true} or {@code TRUE} (the spellings pandas reads as booleans). */
        private static boolean matches(byte[] text, int start, String lower) {
            boolean allUpper = true;
            boolean restLower = true;
            for (int k = 0; k < lower.length(); k++) {
                byte c = text[start + k];
                char l = lower.charAt(k);
                char u = Character.toUpperCase(l);
                if (c != l && c != u) {
                    return false;
                }
                allUpper &= c == u;
                restLower &= k == 0 || c == l;
            }
            return allUpper || restLower;
        }
    }

    /**
     * Decimal floating-point text ({@code 0.25}, {@code -1e-05}, {@code 3}), {@code nan},
     * {@code inf}, {@code infinity} in any case, and the empty value (pandas' NaN). Rounds once,
     * to the nearest element of the target type.
     */
    static final class FloatParser extends CsvValueParser {
        private static final double[] POWERS_OF_TEN = new double[23];

        static {
            double p = 1;
            for (int k = 0; k < POWERS_OF_TEN.length; k++) {
                POWERS_OF_TEN[k] = p;
                p *= 10;
            }
        }

        FloatParser(ElementType type) {
            super(type);
        }

        @Override
        int parse(byte[] text, int start, int end, byte[] out, int pos) throws ValueFormatException {
            double d;
            boolean literalInfinity = false;
            if (start == end) {
                d = Double.NaN;
            } else {
                int special = isLetter(text[end - 1]) ? special(text, start, end) : 0;
                if (special != 0) {
                    literalInfinity = special != 2;
                    d = special == 2 ? Double.NaN : special == 1 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                } else {
                    d = toDouble(text, start, end);
                }
            }
            switch (type) {
                case FLOAT64:
                    if (Double.isInfinite(d) && !literalInfinity) {
                        throw outOfRange(text, start, end);
                    }
                    LONG.set(out, pos, Double.doubleToRawLongBits(d));
                    return 8;
                case FLOAT32: {
                    float f = toFloat(d, text, start, end);
                    if (Float.isInfinite(f) && !literalInfinity) {
                        throw outOfRange(text, start, end);
                    }
                    INT.set(out, pos, Float.floatToRawIntBits(f));
                    return 4;
                }
                default: {
                    int exactVsD = Half.isTie(d) ? compareExact(text, start, end, d) : 0;
                    short h = Half.fromDouble(d, exactVsD);
                    if ((h & 0x7FFF) == 0x7C00 && !literalInfinity) {
                        throw outOfRange(text, start, end);
                    }
                    SHORT.set(out, pos, h);
                    return 2;
                }
            }
        }

        private ValueFormatException outOfRange(byte[] text, int start, int end) {
            return new ValueFormatException(CsvText.quote(text, start, end) + " is out of range for " + type);
        }

        /**
         * The float nearest the text. {@code (float) d} rounds a second time, which is wrong only
         * when {@code d} lies exactly between two floats (or at the overflow threshold); then the
         * text is parsed again directly.
         */
        private static float toFloat(double d, byte[] text, int start, int end) {
            float f = (float) d;
            double back = f;
            if (back == d || Double.isNaN(d) || Double.isInfinite(d)) {
                return f;
            }
            boolean tie;
            if (Float.isInfinite(f)) {
                tie = true;
            } else {
                float other = d > back ? Math.nextUp(f) : Math.nextDown(f);
                tie = !Float.isInfinite(other) && (back + (double) other) * 0.5 == d;
            }
            return tie ? Float.parseFloat(ascii(text, start, end)) : f;
        }

        /** Sign of |exact decimal value| - |d|, for a {@code d} that is a tie of the target type. */
        private static int compareExact(byte[] text, int start, int end, double d) {
            if (Double.isNaN(d) || Double.isInfinite(d) || special(text, start, end) != 0) {
                return 0;
            }
            return new BigDecimal(ascii(text, start, end)).abs().compareTo(new BigDecimal(d).abs());
        }

        /**
         * Parses a decimal number. Up to 15 significant digits with a power of ten up to 22 are
         * computed exactly with one rounding (both factors are exact doubles); the rest go through
         * {@link Double#parseDouble}, after the syntax was checked here (Java also takes hex and
         * {@code d}/{@code f} suffixes, Python does not).
         */
        private double toDouble(byte[] text, int start, int end) throws ValueFormatException {
            int i = start;
            boolean negative = false;
            if (text[i] == '-' || text[i] == '+') {
                negative = text[i] == '-';
                i++;
            }
            long mantissa = 0;
            int digits = 0; // significant digits in the mantissa
            int anyDigits = 0;
            int scale = 0; // power of ten the mantissa is multiplied with
            boolean point = false;
            boolean exact = true;
            for (; i < end; i++) {
                byte c = text[i];
                if (c >= '0' && c <= '9') {
                    anyDigits++;
                    if (digits < 18) {
                        if (mantissa != 0 || c != '0') {
                            mantissa = mantissa * 10 + (c - '0');
                            digits++;
                        }
                        if (point) {
                            scale--;
                        }
                    } else {
                        exact = false;
                        if (!point) {
                            scale++;
                        }
                    }
                } else if (c == '.' && !point) {
                    point = true;
                } else {
                    break;
                }
            }
            if (anyDigits == 0) {
                throw notANumber(text, start, end);
            }
            if (i < end) {
                if (text[i] != 'e' && text[i] != 'E') {
                    throw notANumber(text, start, end);
                }
                i++;
                int exponentSign = 1;
                if (i < end && (text[i] == '-' || text[i] == '+')) {
                    exponentSign = text[i] == '-' ? -1 : 1;
                    i++;
                }
                if (i == end) {
                    throw notANumber(text, start, end);
                }
                int exponent = 0;
                for (; i < end; i++) {
                    int digit = text[i] - '0';
                    if (digit < 0 || digit > 9) {
                        throw notANumber(text, start, end);
                    }
                    exponent = Math.min(exponent * 10 + digit, 100_000); // beyond any double
                }
                scale += exponentSign * exponent;
            }
            if (exact && digits <= 15 && Math.abs(scale) <= 22) {
                double v = scale >= 0 ? mantissa * POWERS_OF_TEN[scale] : mantissa / POWERS_OF_TEN[-scale];
                return negative ? -v : v;
            }
            return Double.parseDouble(ascii(text, start, end));
        }

        private static ValueFormatException notANumber(byte[] text, int start, int end) {
            return new ValueFormatException(CsvText.quote(text, start, end) + " is not a number");
        }

        /** True when the text is a plain decimal number (digits, point, exponent). */
        static boolean isDecimal(byte[] text, int start, int end) {
            try {
                new FloatParser(ElementType.FLOAT64).toDouble(text, start, end);
                return true;
            } catch (ValueFormatException e) {
                return false;
            }
        }

        private static boolean isLetter(byte c) {
            return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
        }

        /** 1 for {@code inf}/{@code infinity}, -1 for their negatives, 2 for {@code nan}, else 0 (any case, optional sign). */
        static int special(byte[] text, int start, int end) {
            if (end - start > 9) {
                return 0;
            }
            int i = start;
            int sign = 1;
            if (i < end && (text[i] == '-' || text[i] == '+')) {
                sign = text[i] == '-' ? -1 : 1;
                i++;
            }
            String word = new String(text, i, end - i, StandardCharsets.ISO_8859_1);
            if (word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("infinity")) {
                return sign;
            }
            return word.equalsIgnoreCase("nan") ? 2 : 0;
        }

        private static String ascii(byte[] text, int start, int end) {
            return new String(text, start, end - start, StandardCharsets.ISO_8859_1);
        }
    }
}
