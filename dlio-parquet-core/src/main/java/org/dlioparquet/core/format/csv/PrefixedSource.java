package org.dlioparquet.core.format.csv;

import java.io.IOException;

/** Bytes already read (the few sniffed for a codec's magic number), then the rest of the text. */
final class PrefixedSource implements ByteSource {
    private final byte[] prefix;
    private final ByteSource rest;
    private int served;

    PrefixedSource(byte[] prefix, ByteSource rest) {
        this.prefix = prefix;
        this.rest = rest;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (served < prefix.length) {
            int n = Math.min(len, prefix.length - served);
            System.arraycopy(prefix, served, b, off, n);
            served += n;
            return n;
        }
        return rest.read(b, off, len);
    }
}
