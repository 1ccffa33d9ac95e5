package org.dlioparquet.core.format.csv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.dlioparquet.core.ElementType;

/**
 * Turns little-endian elements into pandas' CSV text: integers in decimal (unsigned types
 * unsigned), bool as {@code True}/{@code False}, floats as Python's shortest round-trip repr
 * (float16 printed as its exact float value). Each value is followed by a {@code ,}; the caller
 * replaces the last one with the line end. Not thread-safe.
 */
final class CsvValueFormatter {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    /** Text of every byte value, 8 bytes per entry: the length, then up to 4 characters. */
    private static final byte[] UINT8_TEXT = byteTable(false);
    private static final byte[] INT8_TEXT = byteTable(true);
    private static final byte[] TRUE = {'T', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'F', 'a', 'l', 's', 'e'};
    /** "00" .. "99", two characters each, for writing integers two digits per division. */
    private static final byte[] DIGIT_PAIRS = digitPairs();

    private final ElementType type;
    private final PythonFloatText floats = new PythonFloatText();

    CsvValueFormatter(ElementType type) {
        this.type = type;
    }

    /**
     * Most bytes one value and its separator take, plus slack: the byte-table loop always copies 4
     * characters, so a caller must leave this much room after the last value.
     */
    static int maxCharsPerValue(ElementType type) {
        switch (type) {
            case BOOL:
                return 6;
            case INT8:
            case UINT8:
                return 5;
            case INT16:
            case UINT16:
                return 7;
            case INT32:
            case UINT32:
                return 12;
            case INT64:
            case UINT64:
                return 21;
            default:
                return PythonFloatText.MAX_CHARS + 1;
        }
    }

    /**
     * Writes the {@code len} bytes of elements at {@code src[0..len)} as text, each followed by
     * {@code ,}, into {@code dst} from {@code pos}; returns the position after the last comma.
     * {@code dst} must have {@code len / size * maxCharsPerValue + 4} bytes free.
     */
    int format(byte[] src, int len, byte[] dst, int pos) {
        int p = pos;
        switch (type) {
            case UINT8:
                return bytesFromTable(UINT8_TEXT, src, len, dst, p);
            case INT8:
                return bytesFromTable(INT8_TEXT, src, len, dst, p);
            case BOOL:
                for (int i = 0; i < len; i++) {
                    byte[] word = src[i] != 0 ? TRUE : FALSE;
                    System.arraycopy(word, 0, dst, p, word.length);
                    p += word.length;
                    dst[p++] = ',';
                }
                return p;
            case INT16:
                for (int i = 0; i < len; i += 2) {
                    p = comma(dst, appendSigned((short) SHORT.get(src, i), dst, p));
                }
                return p;
            case UINT16:
                for (int i = 0; i < len; i += 2) {
                    p = comma(dst, appendSigned(Short.toUnsignedInt((short) SHORT.get(src, i)), dst, p));
                }
                return p;
            case INT32:
                for (int i = 0; i < len; i += 4) {
                    p = comma(dst, appendSigned((int) INT.get(src, i), dst, p));
                }
                return p;
            case UINT32:
                for (int i = 0; i < len; i += 4) {
                    p = comma(dst, appendSigned(Integer.toUnsignedLong((int) INT.get(src, i)), dst, p));
                }
                return p;
            case INT64:
                for (int i = 0; i < len; i += 8) {
                    p = comma(dst, appendSigned((long) LONG.get(src, i), dst, p));
                }
                return p;
            case UINT64:
                for (int i = 0; i < len; i += 8) {
                    p = comma(dst, appendUnsigned((long) LONG.get(src, i), dst, p));
                }
                return p;
            case FLOAT16:
                for (int i = 0; i < len; i += 2) {
                    p = comma(dst, floats.append(Half.toFloat((short) SHORT.get(src, i)), dst, p));
                }
                return p;
            case FLOAT32:
                for (int i = 0; i < len; i += 4) {
                    p = comma(dst, floats.append((float) FLOAT.get(src, i), dst, p));
                }
                return p;
            case FLOAT64:
                for (int i = 0; i < len; i += 8) {
                    p = comma(dst, floats.append((double) DOUBLE.get(src, i), dst, p));
                }
                return p;
            default:
                throw new AssertionError(type);
        }
    }

    private static int comma(byte[] dst, int p) {
        dst[p] = ',';
        return p + 1;
    }

    /** One table entry per byte; always copies 4 characters (branch-free) and advances by the real length. */
    private static int bytesFromTable(byte[] table, byte[] src, int len, byte[] dst, int pos) {
        int p = pos;
        for (int i = 0; i < len; i++) {
            int e = (src[i] & 0xFF) << 3;
            dst[p] = table[e + 1];
            dst[p + 1] = table[e + 2];
            dst[p + 2] = table[e + 3];
            dst[p + 3] = table[e + 4];
            p += table[e];
            dst[p++] = ',';
        }
        return p;
    }

    /** Decimal text of {@code v}; returns the position after it. */
    static int appendSigned(long v, byte[] dst, int pos) {
        if (v < 0) {
            dst[pos] = '-';
            if (v == Long.MIN_VALUE) {
                // -(MIN_VALUE) does not fit: write its magnitude as unsigned
                return appendUnsigned(v, dst, pos + 1);
            }
            return appendPositive(-v, dst, pos + 1);
        }
        return appendPositive(v, dst, pos);
    }

    /** Decimal text of {@code v} read as unsigned 64 bits (like {@code Long.toUnsignedString}). */
    static int appendUnsigned(long v, byte[] dst, int pos) {
        if (v >= 0) {
            return appendPositive(v, dst, pos);
        }
        long quotient = Long.divideUnsigned(v, 10);
        int p = appendPositive(quotient, dst, pos);
        dst[p] = (byte) ('0' + (v - quotient * 10));
        return p + 1;
    }

    private static int appendPositive(long v, byte[] dst, int pos) {
        int length = digitCount(v);
        int p = pos + length;
        while (v >= 100) {
            int pair = (int) (v % 100) << 1;
            v /= 100;
            dst[--p] = DIGIT_PAIRS[pair + 1];
            dst[--p] = DIGIT_PAIRS[pair];
        }
        if (v >= 10) {
            int pair = (int) v << 1;
            dst[--p] = DIGIT_PAIRS[pair + 1];
            dst[--p] = DIGIT_PAIRS[pair];
        } else {
            dst[--p] = (byte) ('0' + v);
        }
        return pos + length;
    }

    private static int digitCount(long v) {
        int n = 1;
        for (long limit = 10; n < 19 && v >= limit; limit *= 10) {
            n++;
        }
        return n;
    }

    private static byte[] byteTable(boolean signed) {
        byte[] t = new byte[256 * 8];
        for (int b = 0; b < 256; b++) {
            String s = Integer.toString(signed ? (byte) b : b);
            t[b * 8] = (byte) s.length();
            for (int k = 0; k < s.length(); k++) {
                t[b * 8 + 1 + k] = (byte) s.charAt(k);
            }
        }
        return t;
    }

    private static byte[] digitPairs() {
        byte[] t = new byte[200];
        for (int i = 0; i < 100; i++) {
            t[2 * i] = (byte) ('0' + i / 10);
            t[2 * i + 1] = (byte) ('0' + i % 10);
        }
        return t;
    }
}
