package org.dlioparquet.core.fuzz;

import java.util.Arrays;
import java.util.Random;

/** The ways {@link ReaderFuzzTest} damages a file; one to three of them per mutant. */
final class Mutations {
    private static final int[] INTERESTING_INTS = {0, 1, -1, 0x7F, 0x80, 0xFF, 0x7FFF, 0xFFFF, 0x7FFFFFFF,
            0x80000000, 0x7FFFFFF0, 0x10000, 4096};
    private static final byte[] INTERESTING_BYTES = {0, 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF};

    private Mutations() {
    }

    static byte[] mutate(byte[] original, Random r, StringBuilder how) {
        byte[] b = original.clone();
        int count = 1 + r.nextInt(3);
        for (int i = 0; i < count && b.length > 0; i++) {
            b = once(b, r, how);
        }
        return b;
    }

    private static byte[] once(byte[] b, Random r, StringBuilder how) {
        int kind = r.nextInt(8);
        int at = r.nextInt(b.length);
        switch (kind) {
            case 0 -> {
                int bits = 1 + r.nextInt(8);
                for (int i = 0; i < bits; i++) {
                    int p = r.nextInt(b.length);
                    b[p] ^= (byte) (1 << r.nextInt(8));
                }
                how.append("flip ").append(bits).append(" bits; ");
                return b;
            }
            case 1 -> {
                b[at] = INTERESTING_BYTES[r.nextInt(INTERESTING_BYTES.length)];
                how.append("byte at ").append(at).append("; ");
                return b;
            }
            case 2 -> {
                // lengths and offsets: little-endian (npy, zip, parquet footer) or big-endian (thrift varints aside)
                if (b.length >= 4) {
                    int p = r.nextInt(b.length - 3);
                    int v = INTERESTING_INTS[r.nextInt(INTERESTING_INTS.length)];
                    boolean little = r.nextBoolean();
                    for (int k = 0; k < 4; k++) {
                        b[p + k] = (byte) (little ? v >>> (8 * k) : v >>> (8 * (3 - k)));
                    }
                    how.append("int ").append(v).append(" at ").append(p).append(little ? " LE; " : " BE; ");
                }
                return b;
            }
            case 3 -> {
                how.append("truncate at ").append(at).append("; ");
                return Arrays.copyOf(b, at);
            }
            case 4 -> {
                int len = 1 + r.nextInt(Math.max(1, Math.min(64, b.length - at)));
                how.append("delete ").append(len).append(" at ").append(at).append("; ");
                byte[] out = new byte[b.length - Math.min(len, b.length - at)];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + (b.length - out.length), out, at, out.length - at);
                return out;
            }
            case 5 -> {
                int len = 1 + r.nextInt(Math.max(1, Math.min(64, b.length - at)));
                len = Math.min(len, b.length - at);
                how.append("repeat ").append(len).append(" at ").append(at).append("; ");
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, at + len);
                System.arraycopy(b, at, out, at + len, b.length - at);
                return out;
            }
            case 6 -> {
                int len = 1 + r.nextInt(16);
                how.append("insert ").append(len).append(" random at ").append(at).append("; ");
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, at);
                for (int k = 0; k < len; k++) {
                    out[at + k] = (byte) r.nextInt(256);
                }
                System.arraycopy(b, at, out, at + len, b.length - at);
                return out;
            }
            default -> {
                // the tail holds the footers and directories every format trusts most
                int p = Math.max(0, b.length - 1 - r.nextInt(Math.min(b.length, 64)));
                b[p] ^= (byte) (1 + r.nextInt(255));
                how.append("tail byte at ").append(p).append("; ");
                return b;
            }
        }
    }
}
