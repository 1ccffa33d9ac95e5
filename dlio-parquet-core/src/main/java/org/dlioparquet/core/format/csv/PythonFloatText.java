package org.dlioparquet.core.format.csv;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import com.fasterxml.jackson.core.io.schubfach.FloatToDecimal;

/**
 * Writes floating-point values as Python's {@code repr} (and so pandas' {@code to_csv}) does: the
 * shortest decimal that reads back to the same value, positional for {@code 1e-4 <= |x| < 1e16}
 * ({@code 0.0001}, {@code 123.0}), otherwise {@code 1.5e-05} / {@code 1e+16}.
 *
 * <p>The shortest digits come from Jackson's Schubfach port rather than {@code Double.toString},
 * whose digits change between Java 17 and 19: generated files must not depend on the JVM.
 * Not thread-safe (a reused digit buffer).
 */
final class PythonFloatText {
    /** Longest text this writes: {@code -1.2345678901234567e-308}. */
    static final int MAX_CHARS = 24;

    private final byte[] digits = new byte[32];

    /** Appends {@code v} at {@code pos} of {@code dst} and returns the position after it. */
    int append(double v, byte[] dst, int pos) {
        String s = DoubleToDecimal.toString(v);
        if (v != 0 && Math.abs(v) < Double.MIN_NORMAL) {
            String one = oneDigit(s);
            if (one != null && Double.parseDouble(one) == v) {
                s = one;
            }
        }
        return appendJavaDecimal(s, dst, pos);
    }

    /** Appends the shortest text that reads back as the float {@code v}. */
    int append(float v, byte[] dst, int pos) {
        String s = FloatToDecimal.toString(v);
        if (v != 0 && Math.abs(v) < Float.MIN_NORMAL) {
            String one = oneDigit(s);
            if (one != null && Float.parseFloat(one) == v) {
                s = one;
            }
        }
        return appendJavaDecimal(s, dst, pos);
    }

    /**
     * Java writes at least two digits where one would read back ({@code 4.9E-324} for Python's
     * {@code 5e-324}); that only happens for subnormals, whose precision is coarse. Returns
     * {@code s} rounded to one digit, or {@code null} when it does not have the form {@code d.dE-n}.
     */
    private static String oneDigit(String s) {
        int sign = s.startsWith("-") ? 1 : 0;
        if (s.length() < sign + 5 || s.charAt(sign + 1) != '.' || s.charAt(sign + 3) != 'E') {
            return null;
        }
        int first = s.charAt(sign) - '0';
        int second = s.charAt(sign + 2) - '0';
        int exponent = Integer.parseInt(s, sign + 4, s.length(), 10);
        int rounded = first + (second >= 5 ? 1 : 0);
        if (rounded == 10) {
            rounded = 1;
            exponent++;
        }
        return (sign == 1 ? "-" : "") + rounded + ".0E" + exponent;
    }

    /**
     * Rewrites Java's notation ({@code 0.001}, {@code 1.0E-5}, {@code 1.0E7}, {@code NaN},
     * {@code -Infinity}) into Python's.
     */
    int appendJavaDecimal(String s, byte[] dst, int pos) {
        // Java's plain form ("0.25", "123.0", for 1e-3 <= |v| < 1e7) is Python's too: copy it as is
        int length = s.length();
        for (int k = 0; k < length; k++) {
            char c = s.charAt(k);
            if (c > '9') {
                return rewrite(s, dst, pos);
            }
            dst[pos + k] = (byte) c;
        }
        return pos + length;
    }

    private int rewrite(String s, byte[] dst, int pos) {
        int p = pos;
        int i = 0;
        if (s.charAt(0) == '-') {
            dst[p++] = '-';
            i = 1;
        }
        char first = s.charAt(i);
        if (first == 'N') {
            return put(dst, pos, "nan"); // NaN has no sign in Python's repr
        }
        if (first == 'I') {
            return put(dst, p, "inf");
        }
        int count = 0;
        int integerDigits = 0; // significant digits before the point
        int zerosAfterPoint = 0; // zeros between the point and the first significant digit
        boolean afterPoint = false;
        int exponent = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                afterPoint = true;
            } else if (c == 'E') {
                exponent = Integer.parseInt(s, i + 1, s.length(), 10);
                break;
            } else if (count == 0 && c == '0') {
                if (afterPoint) {
                    zerosAfterPoint++;
                }
            } else {
                digits[count++] = (byte) c;
                if (!afterPoint) {
                    integerDigits++;
                }
            }
        }
        while (count > 0 && digits[count - 1] == '0') {
            count--;
        }
        if (count == 0) {
            return put(dst, p, "0.0");
        }
        int e10 = exponent + (integerDigits > 0 ? integerDigits - 1 : -(zerosAfterPoint + 1));
        if (e10 < -4 || e10 >= 16) {
            return scientific(count, e10, dst, p);
        }
        return positional(count, e10, dst, p);
    }

    private int scientific(int count, int e10, byte[] dst, int p) {
        dst[p++] = digits[0];
        if (count > 1) {
            dst[p++] = '.';
            System.arraycopy(digits, 1, dst, p, count - 1);
            p += count - 1;
        }
        dst[p++] = 'e';
        dst[p++] = (byte) (e10 < 0 ? '-' : '+');
        int e = Math.abs(e10);
        if (e >= 100) {
            dst[p++] = (byte) ('0' + e / 100);
        }
        dst[p++] = (byte) ('0' + e / 10 % 10);
        dst[p++] = (byte) ('0' + e % 10);
        return p;
    }

    private int positional(int count, int e10, byte[] dst, int p) {
        if (e10 < 0) {
            dst[p++] = '0';
            dst[p++] = '.';
            for (int z = -e10 - 1; z > 0; z--) {
                dst[p++] = '0';
            }
            System.arraycopy(digits, 0, dst, p, count);
            return p + count;
        }
        int intLength = e10 + 1;
        for (int k = 0; k < intLength; k++) {
            dst[p++] = k < count ? digits[k] : (byte) '0';
        }
        dst[p++] = '.';
        if (count > intLength) {
            System.arraycopy(digits, intLength, dst, p, count - intLength);
            return p + count - intLength;
        }
        dst[p++] = '0';
        return p;
    }

    private static int put(byte[] dst, int p, String ascii) {
        for (int k = 0; k < ascii.length(); k++) {
            dst[p++] = (byte) ascii.charAt(k);
        }
        return p;
    }
}
