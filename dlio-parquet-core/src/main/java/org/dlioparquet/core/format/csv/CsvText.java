package org.dlioparquet.core.format.csv;

import java.util.Locale;

/** Small helpers for putting CSV bytes into one-line messages. */
final class CsvText {
    /** Longest part of a value shown in a message. */
    private static final int MAX_SHOWN = 40;

    private CsvText() {
    }

    /**
     * {@code text[start, end)} in single quotes, printable ASCII as is and anything else as
     * {@code \xNN}, cut after {@value #MAX_SHOWN} bytes: a binary file must not break the message
     * over lines.
     */
    static String quote(byte[] text, int start, int end) {
        StringBuilder s = new StringBuilder(Math.min(end - start, MAX_SHOWN) + 8).append('\'');
        int stop = Math.min(end, start + MAX_SHOWN);
        for (int i = start; i < stop; i++) {
            int c = text[i] & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                s.append((char) c);
            } else {
                s.append(String.format(Locale.ROOT, "\\x%02x", c));
            }
        }
        if (stop < end) {
            s.append("...");
        }
        return s.append('\'').toString();
    }

    /** A library's exception message on one line, or its class name when it has none. */
    static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return m.replaceAll("\\s+", " ").trim();
    }
}
