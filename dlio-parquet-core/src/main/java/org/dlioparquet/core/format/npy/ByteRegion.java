package org.dlioparquet.core.format.npy;

import java.io.IOException;
import java.nio.ByteBuffer;

/** The bytes of one .npy stream: a bare file, or a stored or deflated NPZ member. */
public interface ByteRegion {
    /** Bytes in the region. */
    long length();

    /**
     * Reads from {@code position} (relative to the region start) into {@code dst} until it is full
     * or the region ends; returns the bytes read. Regions that can only stream forward are
     * cheapest when positions never go back.
     *
     * @throws org.dlioparquet.core.DataFileException when the bytes the region promised are not there
     */
    int read(long position, ByteBuffer dst) throws IOException;

    /**
     * Whether reading behind the furthest position read costs a restart (a deflate stream), so
     * readers should ask for exactly the bytes they need, in order. Otherwise a read costs a system
     * call, and a few bytes too many cost nothing.
     */
    default boolean streamsForward() {
        return false;
    }
}
