package org.dlioparquet.core.report;

import java.util.Locale;

/** Number and text formatting of the report (always {@link Locale#ROOT}). */
final class Fmt {
    private Fmt() {
    }

    static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "–";
    }

    /** {@code 1.2 KiB}, {@code 3.4 GiB}. */
    static String bytes(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int u = 0;
        double x = v;
        while (Math.abs(x) >= 1024 && u < units.length - 1) {
            x /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f B", x) : String.format(Locale.ROOT, "%.1f %s", x, units[u]);
    }

    /** B / A as {@code 1.23×}; a dash when A is 0 or either is missing. */
    static String ratio(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || a == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.3f×", b / a);
    }

    /** B relative to A: {@code +12.3 %}. */
    static String change(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || a == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%+.1f %%", 100 * (b - a) / Math.abs(a));
    }

    /** An axis tick: as few digits as the step between ticks needs. */
    static String tick(double v, double step) {
        if (Math.abs(v) >= 1e6 || (Math.abs(v) > 0 && Math.abs(v) < 1e-3)) {
            return String.format(Locale.ROOT, "%.2g", v);
        }
        int decimals = step >= 1 ? 0 : (int) Math.min(6, Math.ceil(-Math.log10(step)));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String html(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
