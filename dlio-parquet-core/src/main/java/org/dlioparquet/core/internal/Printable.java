package org.dlioparquet.core.internal;

/**
 * Text from outside (a lock file, a workload value) made safe to print on one terminal line:
 * control characters (escape sequences, line breaks, NUL) become visible escapes instead of
 * moving the cursor or recolouring the terminal.
 */
public final class Printable {
    private Printable() {
    }

    /**
     * {@code text} with every control character (C0, DEL, C1) written as an escape: {@code \n},
     * {@code \r}, {@code \x1b}; a tab becomes a space.
     */
    public static String escape(String text) {
        if (text == null || !hasControl(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append(' ');
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Whether {@code text} holds a control character (a NUL, an escape, a line break). */
    public static boolean hasControl(String text) {
        return text != null && text.chars().anyMatch(Character::isISOControl);
    }
}
