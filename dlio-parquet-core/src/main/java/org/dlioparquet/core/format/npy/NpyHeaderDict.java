package org.dlioparquet.core.format.npy;

import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.ElementType;

/**
 * Parser of the header dict, a Python literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (64, 64, 3), }}. Accepts exactly what
 * numpy's writers produce (either quote style, optional trailing commas, whitespace padding) and
 * nothing that would need a Python evaluator.
 */
final class NpyHeaderDict {
    private final String text;
    private int pos;

    private NpyHeaderDict(String text) {
        this.text = text;
    }

    /** Parses the dict text (padding included) of a header whose data starts at {@code dataOffset}. */
    static NpyHeader parse(String text, long dataOffset) throws NpyFormatException {
        return new NpyHeaderDict(text).parseDict(dataOffset);
    }

    private NpyHeader parseDict(long dataOffset) throws NpyFormatException {
        String descr = null;
        Boolean fortran = null;
        List<Long> shape = null;
        expect('{');
        while (!peekIs('}')) {
            String key = string("a key");
            expect(':');
            switch (key) {
                case "descr" -> {
                    requireFirst(descr, key);
                    if (peekIs('[')) {
                        throw new NpyFormatException("unsupported dtype: structured 'descr' (a list of fields); "
                                + "supported: bool, signed/unsigned integers and float16/32/64");
                    }
                    descr = string("the 'descr' string");
                }
                case "fortran_order" -> {
                    requireFirst(fortran, key);
                    fortran = bool();
                }
                case "shape" -> {
                    requireFirst(shape, key);
                    shape = tuple();
                }
                default -> throw new NpyFormatException("unexpected key '" + key
                        + "' in header (expected exactly 'descr', 'fortran_order', 'shape')");
            }
            if (!peekIs('}')) {
                expect(',');
            }
        }
        expect('}');
        skipSpace();
        if (pos < text.length()) {
            throw error("only padding may follow the header dict");
        }
        if (descr == null || fortran == null || shape == null) {
            throw new NpyFormatException("header dict lacks " + (descr == null ? "'descr'"
                    : fortran == null ? "'fortran_order'" : "'shape'") + ": " + text.strip());
        }
        ElementType type;
        try {
            type = ElementType.fromNpyDescr(descr);
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(e.getMessage());
        }
        long elements = 1;
        for (long d : shape) {
            try {
                elements = Math.multiplyExact(elements, d);
                Math.multiplyExact(elements, type.size());
            } catch (ArithmeticException e) {
                throw new NpyFormatException("header shape " + NpyHeader.shapeText(shape) + " is too large");
            }
        }
        return new NpyHeader(type, fortran, shape, dataOffset);
    }

    private static void requireFirst(Object seen, String key) throws NpyFormatException {
        if (seen != null) {
            throw new NpyFormatException("key '" + key + "' appears twice in header");
        }
    }

    private String string(String what) throws NpyFormatException {
        skipSpace();
        char quote = pos < text.length() ? text.charAt(pos) : 0;
        if (quote != '\'' && quote != '"') {
            throw error("expected " + what + " in quotes");
        }
        int end = text.indexOf(quote, pos + 1);
        if (end < 0) {
            throw error("unterminated string");
        }
        String s = text.substring(pos + 1, end);
        if (s.indexOf('\\') >= 0) {
            throw error("escape sequences are not supported in header strings");
        }
        pos = end + 1;
        return s;
    }

    private boolean bool() throws NpyFormatException {
        skipSpace();
        if (text.startsWith("True", pos)) {
            pos += 4;
            return true;
        }
        if (text.startsWith("False", pos)) {
            pos += 5;
            return false;
        }
        throw error("expected True or False for 'fortran_order'");
    }

    /** A tuple of non-negative ints; {@code (3)} is an int in Python, not a tuple, so it is refused. */
    private List<Long> tuple() throws NpyFormatException {
        expect('(');
        List<Long> dims = new ArrayList<>();
        boolean comma = false;
        while (!peekIs(')')) {
            dims.add(integer());
            comma = peekIs(',');
            if (comma) {
                pos++;
            } else if (!peekIs(')')) {
                throw error("expected ',' or ')' in 'shape'");
            }
        }
        expect(')');
        if (dims.size() == 1 && !comma) {
            throw error("'shape' must be a tuple, e.g. (3,)");
        }
        return dims;
    }

    private long integer() throws NpyFormatException {
        skipSpace();
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a non-negative integer in 'shape'");
        }
        if (pos - start > 18) {
            throw error("dimension " + text.substring(start, pos) + " is too large");
        }
        return Long.parseLong(text, start, pos, 10);
    }

    private void expect(char c) throws NpyFormatException {
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private boolean peekIs(char c) throws NpyFormatException {
        skipSpace();
        if (pos >= text.length()) {
            throw error("header dict ends early");
        }
        return text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\n'
                || text.charAt(pos) == '\t' || text.charAt(pos) == '\r')) {
            pos++;
        }
    }

    private NpyFormatException error(String what) {
        String shown = text.strip();
        if (shown.length() > 120) {
            shown = shown.substring(0, 120) + "...";
        }
        return new NpyFormatException("malformed header dict at character " + pos + ": " + what + " in "
                + shown.replace('\n', ' ').replace('\r', ' '));
    }
}
