package org.dlioparquet.core.format.npy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.dlioparquet.core.ElementType;

/**
 * The header of an NPY array: element type, memory order and shape, plus where the data starts.
 *
 * @param type         element type ({@code descr})
 * @param fortranOrder {@code True} in the header: the data is column-major
 * @param shape        array shape
 * @param dataOffset   bytes from the start of the .npy stream to the first data byte
 */
public record NpyHeader(ElementType type, boolean fortranOrder, List<Long> shape, long dataOffset) {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy aligns the start of the data to this many bytes. */
    private static final int ALIGN = 64;
    /** numpy reserves room for the growth axis to reach this many digits (in-place appends). */
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;

    public NpyHeader {
        shape = List.copyOf(shape);
    }

    /** Elements of the whole array; the shape was checked against overflow when parsed. */
    public long elements() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Data bytes the shape and type call for. */
    public long dataBytes() {
        return elements() * type.size();
    }

    /** The shape as Python prints it: {@code (64, 64, 3)}, {@code (3,)} or {@code ()}. */
    public String shapeText() {
        return shapeText(shape);
    }

    static String shapeText(List<Long> shape) {
        if (shape.size() == 1) {
            return "(" + shape.get(0) + ",)";
        }
        return shape.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * The header bytes numpy's {@code np.save} writes for a C-order array of this type and shape:
     * version 1.0 unless the dict does not fit its 16-bit length, padded with spaces and a final
     * newline so that the data starts at a multiple of 64.
     */
    public static byte[] encode(ElementType type, List<Long> shape) {
        StringBuilder dict = new StringBuilder()
                .append("{'descr': '").append(type.npyDescr()).append("', 'fortran_order': False, 'shape': ")
                .append(shapeText(shape)).append(", }");
        if (!shape.isEmpty()) {
            dict.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String.valueOf(shape.get(0)).length())));
        }
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] v1 = wrap(text, 1, 2);
        return v1 != null ? v1 : wrap(text, 2, 4);
    }

    /** Preamble, dict, space padding and newline; {@code null} when the length does not fit the field. */
    private static byte[] wrap(byte[] dict, int major, int lengthFieldBytes) {
        int preamble = MAGIC.length + 2 + lengthFieldBytes;
        int withNewline = dict.length + 1;
        int pad = ALIGN - (preamble + withNewline) % ALIGN;
        long headerLength = (long) withNewline + pad;
        if (lengthFieldBytes == 2 && headerLength > 0xFFFF) {
            return null;
        }
        byte[] out = new byte[preamble + (int) headerLength];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = (byte) major;
        out[7] = 0;
        for (int i = 0; i < lengthFieldBytes; i++) {
            out[8 + i] = (byte) (headerLength >>> (8 * i));
        }
        System.arraycopy(dict, 0, out, preamble, dict.length);
        for (int i = preamble + dict.length; i < out.length - 1; i++) {
            out[i] = ' ';
        }
        out[out.length - 1] = '\n';
        return out;
    }
}
