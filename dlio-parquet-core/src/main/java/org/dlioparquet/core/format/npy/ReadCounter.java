package org.dlioparquet.core.format.npy;

/** Bytes read from storage through one open file; shared by the pieces that read it. */
public final class ReadCounter {
    private long bytes;

    public void add(long n) {
        if (n > 0) {
            bytes += n;
        }
    }

    public long bytes() {
        return bytes;
    }
}
