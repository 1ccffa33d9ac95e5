package org.dlioparquet.core.format.csv;

import java.io.IOException;
import java.util.Arrays;

/**
 * Keeps a copy of the CSV text the open scan reads, so that the scan is the only pass over the
 * file (for a compressed file, the only decompression) and samples are then decoded from memory.
 * Keeping stops, and the copy is dropped, once the text outgrows {@code limit} bytes: such a file
 * is read again for its samples.
 */
final class TextRecorder implements ByteSource {
    private final ByteSource source;
    private final int limit;
    private byte[] text;
    private int length;

    private TextRecorder(ByteSource source, long limit, byte[] text) {
        this.source = source;
        this.limit = (int) Math.min(limit, Integer.MAX_VALUE - 8);
        this.text = text;
    }

    /**
     * Records a text of a known {@code size} (an uncompressed file), in one array of that size.
     *
     * @param limit most bytes to keep; a larger text is not kept at all
     */
    static TextRecorder ofSize(ByteSource source, long size, long limit) {
        boolean fits = size <= Math.min(limit, Integer.MAX_VALUE - 8);
        return new TextRecorder(source, limit, fits ? new byte[(int) Math.max(1, size)] : null);
    }

    /**
     * Records a text of unknown size (a decompressed stream), growing from {@code guess} bytes.
     *
     * @param limit most bytes to keep; once the text outgrows it, the copy is dropped
     */
    static TextRecorder ofUnknownSize(ByteSource source, long guess, long limit) {
        long cap = Math.min(limit, Integer.MAX_VALUE - 8);
        return new TextRecorder(source, limit, cap <= 0 ? null : new byte[(int) Math.max(1, Math.min(guess, cap))]);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = source.read(b, off, len);
        if (n > 0 && text != null) {
            if (length + (long) n > limit) {
                text = null;
            } else {
                if (length + n > text.length) {
                    text = Arrays.copyOf(text, (int) Math.min(limit, Math.max(length + (long) n, 2L * text.length)));
                }
                System.arraycopy(b, off, text, length, n);
                length += n;
            }
        }
        return n;
    }

    /** The whole text read, or null when it outgrew the limit. Call after the source is exhausted. */
    HeldText held() {
        if (text == null) {
            return null;
        }
        return new HeldText(text.length == length ? text : Arrays.copyOf(text, length));
    }
}
