package org.dlioparquet.core.format.csv;

/**
 * A file's whole CSV text in memory (see {@link TextRecorder}): samples are decoded from here,
 * in any order, without reading the file again.
 */
final class HeldText implements RangeSource {
    private final byte[] text;
    private int position;
    private int end;

    HeldText(byte[] text) {
        this.text = text;
    }

    @Override
    public void select(long start, long stop) {
        position = (int) start;
        end = (int) Math.min(stop, text.length);
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= end) {
            return -1;
        }
        int n = Math.min(len, end - position);
        System.arraycopy(text, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    /** Bytes of memory the text takes. */
    long bytes() {
        return text.length;
    }
}
