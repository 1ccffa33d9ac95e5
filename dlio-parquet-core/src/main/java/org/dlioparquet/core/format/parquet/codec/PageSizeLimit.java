package org.dlioparquet.core.format.parquet.codec;

import java.io.IOException;

/**
 * Decides whether a page may be decompressed, before its buffer is allocated: a corrupt or hostile
 * page header can claim any size up to 2 GiB.
 */
@FunctionalInterface
public interface PageSizeLimit {
    PageSizeLimit NONE = size -> { };

    /** @throws IOException when a page of {@code uncompressedSize} bytes must not be decompressed */
    void check(int uncompressedSize) throws IOException;
}
