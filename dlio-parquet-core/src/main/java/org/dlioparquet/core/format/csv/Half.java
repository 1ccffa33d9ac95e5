package org.dlioparquet.core.format.csv;

/** IEEE 754 half-precision conversions (Java 17 has no {@code Float.float16ToFloat}). */
final class Half {
    /** Halves at or above this magnitude round to infinity (midway between 65504 and 2^16; ties to even go up). */
    static final double OVERFLOW = 65520.0;

    private Half() {
    }

    /** The exact float value of half {@code bits}. */
    static float toFloat(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float v = mantissa * 0x1p-24f; // zero or subnormal, exact in float
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /**
     * The half nearest to a value that was parsed to the double {@code d}.
     *
     * @param exactVsD how the exact (decimal) magnitude compares to {@code |d|}: 0 when {@code d}
     *                 is exact; only consulted when {@code d} is midway between two halves, where
     *                 rounding the double again would round twice
     */
    static short fromDouble(double d, int exactVsD) {
        int sign = Double.doubleToRawLongBits(d) < 0 ? 0x8000 : 0;
        if (Double.isNaN(d)) {
            return (short) 0x7E00;
        }
        double a = Math.abs(d);
        if (a > OVERFLOW || (a == OVERFLOW && exactVsD >= 0)) {
            return (short) (sign | 0x7C00);
        }
        int base;
        double m;
        if (a < 0x1p-14) {
            base = 0;
            m = a * 0x1p24; // subnormal: units of 2^-24
        } else {
            int e = Math.getExponent(a);
            base = (e + 15) << 10;
            m = Math.scalb(a, 10 - e) - 1024; // mantissa in units of the last place
        }
        double floor = Math.floor(m);
        double fraction = m - floor;
        int r = (int) floor;
        if (fraction > 0.5 || (fraction == 0.5 && (exactVsD > 0 || (exactVsD == 0 && (r & 1) == 1)))) {
            r++;
        }
        // a mantissa that rounds up to 1024 carries into the exponent: the IEEE encoding of the next binade
        return (short) (sign | (base + r));
    }

    /** True when {@code d} is exactly midway between two halves (or at the overflow threshold). */
    static boolean isTie(double d) {
        double a = Math.abs(d);
        if (Double.isNaN(a) || a > OVERFLOW) {
            return false;
        }
        if (a == OVERFLOW) {
            return true;
        }
        double m = a < 0x1p-14 ? a * 0x1p24 : Math.scalb(a, 10 - Math.getExponent(a));
        return m - Math.floor(m) == 0.5;
    }
}
