package org.dlioparquet.core.spi;

/**
 * How an object is opened for reading.
 *
 * @param odirect   read past the page cache ({@code reader.odirect}); only local files honour it
 * @param knownSize the object's size when the caller already knows it (the manifest), which saves
 *                  an object store a request per open; -1 when unknown
 */
public record ReadOptions(boolean odirect, long knownSize) {
    private static final ReadOptions DEFAULTS = new ReadOptions(false, -1);

    public ReadOptions {
        if (knownSize < -1) {
            throw new IllegalArgumentException("knownSize must be -1 (unknown) or a size, got " + knownSize);
        }
    }

    /** Through the page cache, size asked of the storage. */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    public ReadOptions withKnownSize(long size) {
        return new ReadOptions(odirect, size);
    }
}
