package org.dlioparquet.core.format.parquet;

import java.nio.ByteBuffer;

/**
 * A column of BYTE_ARRAY values of one size whose bytes any thread can draw for any row, without
 * statistics: every page's size is known before its bytes are, so the raw writer may reserve the
 * pages' places in the file and write them from two threads at once.
 */
interface DrawnBinaryColumn extends RawColumn {

    /** The size of every value, in bytes. */
    int valueBytes();

    /** Draws the bytes of row {@code row} (of the file) into {@code into}'s {@link #valueBytes} remaining bytes. */
    void draw(int row, ByteBuffer into);

    @Override
    default boolean statistics() {
        return false;
    }
}
