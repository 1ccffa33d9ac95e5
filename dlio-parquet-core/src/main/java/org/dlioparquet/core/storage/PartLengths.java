package org.dlioparquet.core.storage;

/**
 * How a range is cut into requests of {@code part} bytes: a remainder of at most a quarter part
 * rides with the part before it rather than costing a request of its own (a file's or object's
 * last few blocks, a Parquet footer after whole parts). Shared by the O_DIRECT bounce ranges and
 * the S3 range GETs.
 */
public final class PartLengths {
    private PartLengths() {
    }

    /** The longest request: a part and a remainder of up to a quarter of one. */
    public static long longest(long part) {
        return part + part / 4;
    }

    /** Bytes of the next request when {@code left} bytes remain: all of them when they fit {@link #longest}, else a part. */
    public static long next(long left, long part) {
        return left <= longest(part) ? left : part;
    }
}
